import * as v from 'valibot'
import type { Core } from '@veritrail/core'
import { defineRoutes } from '../http/route.js'

const REVIEWERS = ['reviewer', 'qa'] as const
const READERS = ['reviewer', 'qa', 'auditor'] as const

/** Review by exception (CONTRACT §6). */
export function reviewRoutes(core: Core) {
  return defineRoutes([
    {
      method: 'POST',
      path: '/api/v1/reviews',
      summary: 'Open an audit-trail review',
      tag: 'reviews',
      access: REVIEWERS,
      body: v.object({ scope: v.record(v.string(), v.unknown()), sample: v.optional(v.number()) }),
      success: { status: 201, description: '{id, scope, entryCount, findings}' },
      handler: async (c, { body }) => {
        const b = body as { scope: Record<string, unknown>; sample?: number }
        return c.json(await core.reviews.open({ ...b.scope, ...(b.sample ? { sample: b.sample } : {}) }, c.get('principal'), c.get('ctx')), 201)
      },
    },
    {
      method: 'GET',
      path: '/api/v1/reviews',
      summary: 'List reviews',
      tag: 'reviews',
      access: READERS,
      success: { status: 200, description: 'Reviews, newest first' },
      handler: async (c) => c.json(await core.reviews.list()),
    },
    {
      method: 'GET',
      path: '/api/v1/reviews/coverage',
      summary: 'Read review coverage',
      tag: 'reviews',
      access: READERS,
      success: { status: 200, description: 'Per trail and record type: total, reviewed and unreviewed entries' },
      handler: async (c) => c.json(await core.reviews.coverage()),
    },
    {
      method: 'GET',
      path: '/api/v1/reviews/:id',
      summary: 'Read a review',
      tag: 'reviews',
      access: READERS,
      success: { status: 200, description: 'The review with its findings and resolutions' },
      handler: async (c) => c.json(await core.reviews.get(c.req.param('id')!)),
    },
    {
      method: 'GET',
      path: '/api/v1/reviews/:id/entries',
      summary: 'Page through the entries of a review',
      tag: 'reviews',
      access: READERS,
      success: { status: 200, description: '{entries: [{seq, colour, findings, entry}], nextCursor}' },
      handler: async (c) => c.json(await core.reviews.entries(c.req.param('id')!, c.req.query('cursor'))),
    },
    {
      method: 'POST',
      path: '/api/v1/reviews/:id/complete',
      summary: 'Complete and sign a review',
      tag: 'reviews',
      access: REVIEWERS,
      body: v.object({
        conclusion: v.string(),
        resolutions: v.optional(v.array(v.object({ findingId: v.string(), note: v.string(), reference: v.optional(v.string()) }))),
        password: v.string(),
        username: v.optional(v.string()),
        meaning: v.optional(v.literal('review')),
      }),
      success: { status: 200, description: 'The completed review; a signed review entry is in the data trail' },
      handler: async (c, { body }) => c.json(await core.reviews.complete(c.req.param('id')!, body as Record<string, unknown>, c.get('principal'), c.get('ctx'))),
    },
  ])
}
