import { ACTION_LABELS, MEANING_LABELS, ROLE_LABELS, SYSTEM_ROLE_LABEL } from '@veritrail/core'
import { defineRoutes } from '../http/route.js'

/**
 * The words people read for the codes of the API (CONTRACT §2: labels, never codes): every
 * action, role and signature meaning in English and Simplified Chinese, straight from the core,
 * so the admin UI and integrations keep no copy of their own.
 */
export function vocabulary() {
  return {
    actions: ACTION_LABELS,
    roles: { ...ROLE_LABELS, system: SYSTEM_ROLE_LABEL },
    meanings: MEANING_LABELS,
  }
}

/** `GET /api/v1/vocabulary`: any signed-in account, also before it has enrolled a second factor. */
export function vocabularyRoutes() {
  return defineRoutes([
    {
      method: 'GET',
      path: '/api/v1/vocabulary',
      summary: 'Read the labels of actions, roles and signature meanings',
      tag: 'system',
      access: 'authenticated',
      duringMfaEnrolment: true,
      success: {
        status: 200,
        description:
          '{actions, roles, meanings}: each maps a code to its label, {en, zh-CN}. Labels only change with a new version of the server, so clients fetch them once per sign-in.',
      },
      handler: async (c) => {
        c.header('cache-control', 'private, max-age=3600')
        return c.json(vocabulary())
      },
    },
  ])
}
