import type { MessageKey } from '../i18n/en.ts'

/** A setting the page edits: where it sits in the settings object and how it is typed. */
export interface SettingSpec {
  path: [string, string]
  label: MessageKey
  group: MessageKey
  /** `roles`: a set of roles, chosen with checkboxes. */
  kind: 'number' | 'text' | 'roles'
}

export const SETTINGS: SettingSpec[] = [
  {
    path: ['password', 'minLength'],
    label: 'setPasswordMinLength',
    group: 'groupPassword',
    kind: 'number',
  },
  {
    path: ['password', 'historyCount'],
    label: 'setPasswordHistory',
    group: 'groupPassword',
    kind: 'number',
  },
  {
    path: ['password', 'maxAgeDays'],
    label: 'setPasswordMaxAge',
    group: 'groupPassword',
    kind: 'number',
  },
  {
    path: ['session', 'idleMinutes'],
    label: 'setIdleMinutes',
    group: 'groupSession',
    kind: 'number',
  },
  { path: ['lockout', 'threshold'], label: 'setLockout', group: 'groupSession', kind: 'number' },
  { path: ['mfa', 'roles'], label: 'setMfaRoles', group: 'groupSession', kind: 'roles' },
  { path: ['site', 'timeZone'], label: 'setTimeZone', group: 'groupSite', kind: 'text' },
  { path: ['alerts', 'webhookUrl'], label: 'setWebhook', group: 'groupAlerts', kind: 'text' },
]

export type Settings = Record<string, Record<string, unknown>>

export const keyOf = (spec: SettingSpec) => spec.path.join('.')

/** The form's text for each setting (a set of roles as `qa,auditor`). */
export function settingsToForm(settings: Settings): Record<string, string> {
  return Object.fromEntries(
    SETTINGS.map((s) => {
      const value = settings[s.path[0]]?.[s.path[1]]
      return [keyOf(s), Array.isArray(value) ? value.join(',') : String(value ?? '')]
    }),
  )
}

/** `qa,auditor` → `['qa', 'auditor']`. */
export const rolesOf = (text: string) => text.split(',').filter(Boolean)

/**
 * The partial settings object `PUT /api/v1/settings` takes: only what changed. An emptied text
 * becomes null (no time zone override, no webhook).
 */
export function changedSettings(
  settings: Settings,
  form: Record<string, string>,
): Record<string, Record<string, unknown>> {
  const changes: Record<string, Record<string, unknown>> = {}
  for (const spec of SETTINGS) {
    const [group, name] = spec.path
    const before = settings[group]?.[name] ?? null
    const text = (form[keyOf(spec)] ?? '').trim()
    if (spec.kind === 'roles') {
      const roles = rolesOf(text)
      const same = [...roles].sort().join() === [...((before as string[]) ?? [])].sort().join()
      if (!same) changes[group] = { ...changes[group], [name]: roles }
      continue
    }
    const after =
      spec.kind === 'number' ? (text === '' ? null : Number(text)) : text === '' ? null : text
    if (after === before || (after === null && before === '')) continue
    changes[group] = { ...changes[group], [name]: after }
  }
  return changes
}
