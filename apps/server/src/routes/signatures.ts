import * as v from 'valibot'
import type { Core } from '@veritrail/core'
import { defineRoutes } from '../http/route.js'

const SIGNERS = ['qa', 'reviewer', 'operator'] as const
const READERS = ['operator', 'reviewer', 'qa', 'auditor', 'sysadmin'] as const

/** Electronic signatures (CONTRACT §6). */
export function signatureRoutes(core: Core) {
  return defineRoutes([
    {
      method: 'POST',
      path: '/api/v1/signatures/statement',
      summary: 'Accept the electronic-signature statement',
      tag: 'signatures',
      access: SIGNERS,
      success: { status: 204, description: 'Accepted (recorded in the system trail)' },
      handler: async (c) => {
        await core.signatures.acceptStatement(c.get('principal'), c.get('ctx'))
        return c.body(null, 204)
      },
    },
    {
      method: 'POST',
      path: '/api/v1/signatures',
      summary: 'Sign a record version',
      tag: 'signatures',
      access: SIGNERS,
      body: v.object({
        target: v.object({ type: v.string(), id: v.string(), version: v.number() }),
        meaning: v.string(),
        password: v.string(),
        username: v.optional(v.string()),
      }),
      success: { status: 201, description: '{id, signer, ts, tz, meaning, recordHash}' },
      handler: async (c, { body }) => c.json(await core.signatures.sign(body as Parameters<Core['signatures']['sign']>[0], c.get('principal'), c.get('ctx')), 201),
    },
    {
      method: 'GET',
      path: '/api/v1/records/:type/:id/signatures',
      summary: 'List the signatures of a record',
      tag: 'signatures',
      access: READERS,
      success: { status: 200, description: 'Every signature with coversCurrentVersion' },
      handler: async (c) => c.json(await core.signatures.list(c.req.param('type')!, c.req.param('id')!)),
    },
    {
      method: 'GET',
      path: '/api/v1/signatures/:id/verify',
      summary: 'Verify a signature against the signed content',
      tag: 'signatures',
      access: READERS,
      success: { status: 200, description: '{valid, recomputedHash, coversCurrentVersion, signature}' },
      handler: async (c) => c.json(await core.signatures.verify(c.req.param('id')!)),
    },
    {
      method: 'POST',
      path: '/api/v1/signatures/:id/withdraw',
      summary: 'Withdraw your signature',
      tag: 'signatures',
      access: SIGNERS,
      body: v.object({ reason: v.string(), password: v.string(), username: v.optional(v.string()) }),
      success: { status: 204, description: 'Withdrawn: a new entry; the signature stays on record' },
      handler: async (c, { body }) => {
        await core.signatures.withdraw(c.req.param('id')!, body as { reason: string; password: string }, c.get('principal'), c.get('ctx'))
        return c.body(null, 204)
      },
    },
  ])
}
