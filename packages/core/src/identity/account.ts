import { randomBytes } from 'node:crypto'
import type { ActionContext } from '../ledger/context.js'
import type { Action, EntryDraft } from '../ledger/entry.js'
import type { AccountRow } from '../store/queries/identity.js'

/** The record-type id under which account changes appear as entry targets. */
export const ACCOUNT_TARGET = 'veritrail.account'

/** An account as the API shows it: never a password hash, never a TOTP secret (R-AC-15). */
export interface AccountView {
  id: string
  username: string
  displayName: string
  kind: 'person' | 'integration' | 'system'
  roles: string[]
  status: 'active' | 'disabled'
  mustChangePassword: boolean
  passwordSetTs: string | null
  mfa: boolean
  signatureAccepted: boolean
  version: number
  createdTs: string
  updatedTs: string
}

export function accountView(row: AccountRow): AccountView {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    kind: row.kind,
    roles: row.roles,
    status: row.status,
    mustChangePassword: row.mustChangePassword,
    passwordSetTs: row.passwordSetTs,
    mfa: row.totpSecret !== null,
    signatureAccepted: row.signatureAcceptedTs !== null,
    version: row.version,
    createdTs: row.createdTs,
    updatedTs: row.ts,
  }
}

/** A one-time password an administrator hands over; it must be changed at first use (R-AC-08). */
export function temporaryPassword(): string {
  // 18 random bytes in base64url: 24 characters, well above any minimum length.
  return randomBytes(18).toString('base64url')
}

/** A system-trail entry about an account, attributed to whoever acted. */
export function accountEntry(
  ctx: ActionContext,
  action: Action,
  account: { id: string; username: string },
  version: number,
  extra: Partial<EntryDraft> = {},
): EntryDraft {
  const entry: EntryDraft = {
    trail: 'system',
    actor: ctx.actor,
    action,
    correlationId: ctx.correlationId,
    client: ctx.client,
    target: { type: ACCOUNT_TARGET, typeVersion: '1', id: account.id, version },
    ...extra,
    details: { account: account.username, ...(extra.details ?? {}) },
  }
  if (ctx.session) entry.session = ctx.session
  return entry
}

/** The next version row of an account, copying the current state with `changes` applied. */
export function nextVersion(
  current: AccountRow,
  changes: Partial<{
    displayName: string
    roles: string[]
    status: 'active' | 'disabled'
    passwordHash: string | null
    passwordSetTs: string | null
    mustChangePassword: boolean
    totpSecret: string | null
    signatureAcceptedTs: string | null
  }>,
  actorId: string,
) {
  const merged = { ...current, ...changes }
  return (at: { seq: number; ts: string }) => ({
    accountId: current.id,
    version: current.version + 1,
    displayName: merged.displayName,
    roles: JSON.stringify(merged.roles),
    status: merged.status,
    passwordHash: merged.passwordHash,
    passwordSetTs: changes.passwordHash !== undefined ? at.ts : merged.passwordSetTs,
    mustChangePassword: merged.mustChangePassword,
    totpSecret: merged.totpSecret,
    signatureAcceptedTs: changes.signatureAcceptedTs === '' ? at.ts : merged.signatureAcceptedTs,
    seq: at.seq,
    ts: at.ts,
    actorId,
  })
}
