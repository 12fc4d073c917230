import * as v from 'valibot'
import type { Core } from '@veritrail/core'
import { defineRoutes } from '../http/route.js'

const Reason = v.union([v.string(), v.object({ text: v.string() })])
const CreateUser = v.object({
  username: v.string(),
  displayName: v.string(),
  roles: v.array(v.string()),
  password: v.optional(v.string()),
})

/** Account administration (sysadmin; auditors read for access reviews). */
export function userRoutes(core: Core) {
  return defineRoutes([
    {
      method: 'GET',
      path: '/api/v1/users',
      summary: 'List accounts',
      tag: 'users',
      access: ['sysadmin', 'auditor'],
      success: { status: 200, description: 'Every account (never a password or hash)' },
      handler: async (c) => c.json(await core.accounts.list()),
    },
    {
      method: 'POST',
      path: '/api/v1/users',
      summary: 'Create an account',
      tag: 'users',
      access: ['sysadmin'],
      body: CreateUser,
      success: { status: 201, description: 'The account; a generated temporaryPassword is shown once' },
      handler: async (c, { body }) => c.json(await core.accounts.create(body as v.InferOutput<typeof CreateUser>, c.get('ctx')), 201),
    },
    {
      method: 'GET',
      path: '/api/v1/users/:id',
      summary: 'Read an account',
      tag: 'users',
      access: ['sysadmin', 'auditor'],
      success: { status: 200, description: 'The account' },
      handler: async (c) => c.json(await core.accounts.get(c.req.param('id')!)),
    },
    {
      method: 'GET',
      path: '/api/v1/users/:id/history',
      summary: 'Read an account’s role and status history',
      tag: 'users',
      access: ['sysadmin', 'auditor'],
      success: { status: 200, description: 'Every version of the account, oldest first' },
      handler: async (c) => c.json(await core.accounts.history(c.req.param('id')!)),
    },
    {
      method: 'POST',
      path: '/api/v1/users/:id/roles',
      summary: 'Change an account’s roles',
      tag: 'users',
      access: ['sysadmin'],
      body: v.object({ roles: v.array(v.string()), reason: Reason }),
      success: { status: 200, description: 'The account' },
      handler: async (c, { body }) => {
        const b = body as { roles: string[]; reason: unknown }
        return c.json(await core.accounts.setRoles(c.req.param('id')!, b.roles, b.reason, c.get('ctx')))
      },
    },
    {
      method: 'POST',
      path: '/api/v1/users/:id/disable',
      summary: 'Disable an account',
      tag: 'users',
      access: ['sysadmin'],
      body: v.object({ reason: Reason }),
      success: { status: 200, description: 'The account, disabled (never deleted)' },
      handler: async (c, { body }) => c.json(await core.accounts.disable(c.req.param('id')!, (body as { reason: unknown }).reason, c.get('ctx'))),
    },
    {
      method: 'POST',
      path: '/api/v1/users/:id/unlock',
      summary: 'Unlock an account',
      tag: 'users',
      access: ['sysadmin'],
      body: v.object({ reason: Reason }),
      success: { status: 200, description: 'The account' },
      handler: async (c, { body }) => c.json(await core.accounts.unlock(c.req.param('id')!, (body as { reason: unknown }).reason, c.get('ctx'))),
    },
    {
      method: 'POST',
      path: '/api/v1/users/:id/reset-password',
      summary: 'Reset a password to a one-time temporary password',
      tag: 'users',
      access: ['sysadmin'],
      body: v.object({ reason: Reason }),
      success: { status: 200, description: '{temporaryPassword}, shown once' },
      handler: async (c, { body }) => c.json(await core.accounts.resetPassword(c.req.param('id')!, (body as { reason: unknown }).reason, c.get('ctx'))),
    },
    {
      method: 'POST',
      path: '/api/v1/users/:id/mfa/revoke',
      summary: 'Remove a lost second factor',
      tag: 'users',
      access: ['sysadmin'],
      body: v.object({ reason: Reason }),
      success: { status: 200, description: 'The account' },
      handler: async (c, { body }) => c.json(await core.accounts.revokeMfa(c.req.param('id')!, (body as { reason: unknown }).reason, c.get('ctx'))),
    },
    {
      method: 'GET',
      path: '/api/v1/users/:id/tokens',
      summary: 'List an integration account’s API tokens',
      tag: 'users',
      access: ['sysadmin', 'auditor'],
      success: { status: 200, description: 'Tokens (never their secrets)' },
      handler: async (c) => c.json(await core.accounts.tokens(c.req.param('id')!)),
    },
    {
      method: 'POST',
      path: '/api/v1/users/:id/tokens',
      summary: 'Issue an API token',
      tag: 'users',
      access: ['sysadmin'],
      body: v.object({ name: v.string(), reason: Reason }),
      success: { status: 201, description: '{id, token}: the token is shown once' },
      handler: async (c, { body }) => {
        const b = body as { name: string; reason: unknown }
        return c.json(await core.accounts.issueToken(c.req.param('id')!, b.name, b.reason, c.get('ctx')), 201)
      },
    },
    {
      method: 'POST',
      path: '/api/v1/users/:id/tokens/:tokenId/revoke',
      summary: 'Revoke an API token',
      tag: 'users',
      access: ['sysadmin'],
      body: v.object({ reason: Reason }),
      success: { status: 204, description: 'Revoked at once' },
      handler: async (c, { body }) => {
        await core.accounts.revokeToken(c.req.param('id')!, c.req.param('tokenId')!, (body as { reason: unknown }).reason, c.get('ctx'))
        return c.body(null, 204)
      },
    },
  ])
}
