import { createHash, randomBytes } from 'node:crypto'
import { VeritrailError } from '../errors.js'
import { uuidv7 } from '../ids.js'
import type { ActionContext } from '../ledger/context.js'
import type { Action, FieldChange } from '../ledger/entry.js'
import type { Ledger } from '../ledger/ledger.js'
import type { SettingsService } from '../settings/settings.js'
import { endSession, setLockout } from '../store/operational/identity.js'
import {
  accountById,
  accountByUsername,
  accountHistory,
  apiTokensOf,
  listAccounts,
  openSessionIds,
  passwordHistory,
  type AccountRow,
  type ApiTokenRow,
} from '../store/queries/identity.js'
import type { StoreReads, WriteTx } from '../store/types.js'
import { ACCOUNT_TARGET, accountEntry, accountView, nextVersion, temporaryPassword, type AccountView } from './account.js'
import { checkNewPassword, hashPassword } from './password.js'
import { checkRoles } from './roles.js'

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,62}$/

export interface CreateAccountInput {
  username: unknown
  displayName: unknown
  roles: unknown
  password?: unknown
}

/**
 * Administration of accounts (CONTRACT §3): every change is a new account version plus one
 * system-trail entry, in one transaction. Accounts are disabled, never deleted; user names are
 * never reused (R-AC-03); role history is the list of versions (R-AC-05).
 */
export class AccountService {
  constructor(
    private readonly ledger: Ledger,
    private readonly reads: StoreReads,
    private readonly settings: SettingsService,
  ) {}

  async get(id: string): Promise<AccountView> {
    return accountView(await this.#row(this.reads, id))
  }

  async list(): Promise<AccountView[]> {
    return (await listAccounts(this.reads.sql)).filter((a) => a.kind !== 'system').map(accountView)
  }

  /** Every version of the account (role and status history), oldest first. */
  async history(id: string): Promise<(AccountView & { changedBy: string })[]> {
    await this.#row(this.reads, id)
    return (await accountHistory(this.reads.sql, id)).map((r) => ({ ...accountView(r), changedBy: r.actorId }))
  }

  async tokens(id: string): Promise<Omit<ApiTokenRow, 'accountId'>[]> {
    await this.#row(this.reads, id)
    return (await apiTokensOf(this.reads.sql, id)).map(({ accountId: _a, ...t }) => t)
  }

  /**
   * Creates an account. A person without a given password gets a temporary one (returned once);
   * either way it must be changed at first login. Integration accounts have no password.
   */
  async create(input: CreateAccountInput, ctx: ActionContext): Promise<AccountView & { temporaryPassword?: string }> {
    const username = typeof input.username === 'string' ? input.username : ''
    if (!USERNAME.test(username)) {
      throw new VeritrailError('validation_failed', 'A user name has 2–63 lower-case letters, digits, dots, dashes or underscores, starting with a letter or digit.', {
        errors: [{ path: 'username', message: 'Use lower-case letters, digits, . _ - (2–63).' }],
      })
    }
    const displayName = typeof input.displayName === 'string' ? input.displayName.trim() : ''
    if (displayName.length < 2 || displayName.length > 200 || !displayName.isWellFormed()) {
      throw new VeritrailError('validation_failed', 'Give the person’s full name (2–200 characters); it appears on every entry and signature.', {
        errors: [{ path: 'displayName', message: 'The full name, 2–200 characters.' }],
      })
    }
    const roles = checkRoles(Array.isArray(input.roles) ? (input.roles as string[]) : [])
    const kind = roles.includes('integration') ? 'integration' : 'person'
    let password: string | undefined
    let generated: string | undefined
    if (kind === 'integration') {
      if (input.password !== undefined) {
        throw new VeritrailError('validation_failed', 'Integration accounts have no password: issue an API token instead.', { errors: [{ path: 'password', message: 'Not allowed for integration accounts.' }] })
      }
    } else if (input.password === undefined) {
      generated = temporaryPassword()
      password = generated
    } else {
      const policy = (await this.settings.get()).password
      password = await checkNewPassword(input.password, { username, policy, previousHashes: [] })
    }
    const passwordHash = password === undefined ? null : await hashPassword(password)
    const id = uuidv7()
    const view = await this.ledger.commit(async (tx) => {
      if (await accountByUsername(tx.sql, username)) {
        throw new VeritrailError('conflict', `The user name “${username}” is taken: user names are never reused, even after an account is disabled.`, {
          errors: [{ path: 'username', message: 'Already used.' }],
        })
      }
      const entry = accountEntry(ctx, 'user_create', { id, username }, 1, {
        changes: [
          { field: 'displayName', label: 'Full name', new: displayName },
          { field: 'roles', label: 'Roles', new: roles },
          { field: 'status', label: 'Status', new: 'active' },
        ],
        details: { kind },
      })
      return {
        entries: [entry],
        rows: ([c]) => ({
          accounts: [{ id, username, kind, ts: c!.ts }],
          accountVersions: [
            {
              accountId: id,
              version: 1,
              displayName,
              roles: JSON.stringify(roles),
              status: 'active',
              passwordHash,
              passwordSetTs: passwordHash ? c!.ts : null,
              mustChangePassword: kind === 'person',
              totpSecret: null,
              signatureAcceptedTs: null,
              seq: c!.seq,
              ts: c!.ts,
              actorId: ctx.actor.id,
            },
          ],
        }),
        result: ([c]) =>
          accountView({
            id, username, kind, createdTs: c!.ts, version: 1, displayName, roles, status: 'active', passwordHash,
            passwordSetTs: c!.ts, mustChangePassword: kind === 'person', totpSecret: null, signatureAcceptedTs: null,
            ts: c!.ts, seq: c!.seq, actorId: ctx.actor.id,
          }),
      }
    })
    return generated ? { ...view, temporaryPassword: generated } : view
  }

  /** Changes an account's roles (segregation of duties enforced); a reason is required. */
  async setRoles(id: string, roles: unknown, reason: unknown, ctx: ActionContext): Promise<AccountView> {
    const text = requireReasonText(reason)
    const next = checkRoles(Array.isArray(roles) ? (roles as string[]) : [])
    return this.#change(id, ctx, async (current) => {
      if (current.kind === 'integration' && (next.length !== 1 || next[0] !== 'integration')) {
        throw new VeritrailError('segregation_of_duties', 'An integration account keeps the integration role only; create a personal account for a person.')
      }
      if (current.kind === 'person' && next.includes('integration')) {
        throw new VeritrailError('segregation_of_duties', 'A person’s account cannot become an integration account; create a separate integration account.')
      }
      if (JSON.stringify([...current.roles].sort()) === JSON.stringify([...next].sort())) {
        throw new VeritrailError('validation_failed', 'The account already has exactly these roles.', { errors: [{ path: 'roles', message: 'No change.' }] })
      }
      return {
        action: 'role_change',
        version: { roles: next },
        changes: [{ field: 'roles', label: 'Roles', old: current.roles, new: next }],
        reason: text,
      }
    })
  }

  /** Disables an account and ends its sessions; it is never deleted. */
  async disable(id: string, reason: unknown, ctx: ActionContext): Promise<AccountView> {
    const text = requireReasonText(reason)
    return this.#change(id, ctx, async (current, tx, at) => {
      if (current.status === 'disabled') throw new VeritrailError('conflict', `${current.username} is already disabled.`)
      if (current.id === ctx.actor.id) throw new VeritrailError('forbidden', 'You cannot disable your own account; ask another administrator.')
      for (const session of await openSessionIds(tx.sql, current.id)) await endSession(tx, session, at, 'account disabled')
      return { action: 'user_disable', version: { status: 'disabled' }, changes: [{ field: 'status', label: 'Status', old: 'active', new: 'disabled' }], reason: text }
    })
  }

  /** Unlocks an account locked by failed attempts (R-AC-09). */
  async unlock(id: string, reason: unknown, ctx: ActionContext): Promise<AccountView> {
    const text = requireReasonText(reason)
    const view = await this.ledger.commit(async (tx) => {
      const current = await this.#row(tx, id)
      const at = new Date().toISOString()
      await setLockout(tx, id, 0, false, at)
      return {
        entries: [accountEntry(ctx, 'unlock', current, current.version, { reason: { text } })],
        result: () => accountView(current),
      }
    })
    return view
  }

  /** Resets a person's password to a one-time temporary password (R-AC-08), ending their sessions. */
  async resetPassword(id: string, reason: unknown, ctx: ActionContext): Promise<{ temporaryPassword: string }> {
    const text = requireReasonText(reason)
    const password = temporaryPassword()
    const passwordHash = await hashPassword(password)
    await this.#change(id, ctx, async (current, tx, at) => {
      if (current.kind !== 'person') throw new VeritrailError('conflict', 'Only personal accounts have passwords; integration accounts use API tokens.')
      for (const session of await openSessionIds(tx.sql, current.id)) await endSession(tx, session, at, 'password reset')
      return { action: 'password_reset', version: { passwordHash, mustChangePassword: true }, changes: [], reason: text }
    })
    return { temporaryPassword: password }
  }

  /** Issues an API token for an integration account; the secret is returned once (CONTRACT §3). */
  async issueToken(id: string, name: unknown, reason: unknown, ctx: ActionContext): Promise<{ id: string; token: string; name: string }> {
    const text = requireReasonText(reason)
    if (typeof name !== 'string' || name.trim().length < 2 || name.length > 100) {
      throw new VeritrailError('validation_failed', 'Name the token after where it is used (2–100 characters), e.g. “MES line 3”.', { errors: [{ path: 'name', message: '2–100 characters.' }] })
    }
    const tokenId = uuidv7()
    const token = `vtk_${randomBytes(32).toString('base64url')}`
    await this.ledger.commit(async (tx) => {
      const current = await this.#row(tx, id)
      if (current.kind !== 'integration') throw new VeritrailError('conflict', 'API tokens are for integration accounts only; people sign in with their password.')
      if (current.status !== 'active') throw new VeritrailError('conflict', `${current.username} is disabled.`)
      return {
        entries: [accountEntry(ctx, 'token_issue', current, current.version, { reason: { text }, details: { tokenId, tokenName: name.trim() } })],
        rows: ([c]) => ({ apiTokens: [{ id: tokenId, accountId: id, name: name.trim(), tokenHash: sha256(token), seq: c!.seq, ts: c!.ts }] }),
        result: () => undefined,
      }
    })
    return { id: tokenId, token, name: name.trim() }
  }

  /** Revokes an API token at once (R-AC-13). */
  async revokeToken(id: string, tokenId: string, reason: unknown, ctx: ActionContext): Promise<void> {
    const text = requireReasonText(reason)
    await this.ledger.commit(async (tx) => {
      const current = await this.#row(tx, id)
      const token = (await apiTokensOf(tx.sql, id)).find((t) => t.id === tokenId)
      if (!token) throw new VeritrailError('not_found', `There is no token ${tokenId} on ${current.username}.`)
      if (token.revokedTs) throw new VeritrailError('conflict', `The token “${token.name}” was already revoked at ${token.revokedTs}.`)
      return {
        entries: [accountEntry(ctx, 'token_revoke', current, current.version, { reason: { text }, details: { tokenId, tokenName: token.name } })],
        rows: ([c]) => ({ apiTokenRevocations: [{ tokenId, seq: c!.seq, ts: c!.ts }] }),
        result: () => undefined,
      }
    })
  }

  /** Removes a lost or compromised second factor (R-AC-13); the user enrols again. */
  async revokeMfa(id: string, reason: unknown, ctx: ActionContext): Promise<AccountView> {
    const text = requireReasonText(reason)
    return this.#change(id, ctx, async (current) => {
      if (!current.totpSecret) throw new VeritrailError('conflict', `${current.username} has no second factor enrolled.`)
      return { action: 'mfa_revoke', version: { totpSecret: null }, changes: [], reason: text }
    })
  }

  async #row(reads: StoreReads | WriteTx, id: string): Promise<AccountRow> {
    const row = await accountById(reads.sql, id)
    if (!row || row.kind === 'system') throw new VeritrailError('not_found', `There is no account ${id}.`)
    return row
  }

  /** One account change: a new version and its entry, in one transaction. */
  async #change(
    id: string,
    ctx: ActionContext,
    decide: (
      current: AccountRow,
      tx: WriteTx,
      at: string,
    ) => Promise<{ action: Action; version: Parameters<typeof nextVersion>[1]; changes: FieldChange[]; reason: string }>,
  ): Promise<AccountView> {
    return this.ledger.commit(async (tx) => {
      const current = await this.#row(tx, id)
      const d = await decide(current, tx, new Date().toISOString())
      const build = nextVersion(current, d.version, ctx.actor.id)
      const extra = d.changes.length > 0 ? { changes: d.changes, reason: { text: d.reason } } : { reason: { text: d.reason } }
      return {
        entries: [accountEntry(ctx, d.action, current, current.version + 1, extra)],
        rows: ([c]) => ({ accountVersions: [build(c!)] }),
        result: ([c]) => {
          const row = build(c!)
          return accountView({ ...current, ...row, roles: JSON.parse(row.roles) as string[], createdTs: current.createdTs })
        },
      }
    })
  }
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

/** A reason for an administrative action: free text, required. */
export function requireReasonText(reason: unknown): string {
  const text = typeof reason === 'string' ? reason : typeof reason === 'object' && reason !== null ? (reason as { text?: unknown }).text : undefined
  if (typeof text !== 'string' || text.trim() === '') {
    throw new VeritrailError('reason_required', 'This change needs a reason.', { errors: [{ path: 'reason', message: 'A reason is required.' }] })
  }
  if (text.length > 2000) throw new VeritrailError('validation_failed', 'A reason may have at most 2000 characters.', { errors: [{ path: 'reason', message: 'Too long.' }] })
  return text
}

export { ACCOUNT_TARGET }
