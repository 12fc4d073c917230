import { randomBytes } from 'node:crypto'
import * as OTPAuth from 'otpauth'
import { alertRow, type Alert, type AlertChannel } from '../alerts/alerts.js'
import { VeritrailError } from '../errors.js'
import { uuidv7 } from '../ids.js'
import { isoTime } from '../ledger/clock.js'
import type { ActionContext } from '../ledger/context.js'
import type { Actor, Authorizer, ClientInfo, EntryDraft } from '../ledger/entry.js'
import type { Ledger } from '../ledger/ledger.js'
import type { SettingsService } from '../settings/settings.js'
import { endSession, insertSession, markSessionSigned, setLockout, touchSession } from '../store/operational/identity.js'
import { accountById, accountByUsername, apiTokenByHash, lockoutOf, passwordHistory, sessionByTokenHash, type AccountRow } from '../store/queries/identity.js'
import type { AppendRows, StoreReads, WriteTx } from '../store/types.js'
import { ACCOUNT_TARGET, accountView, nextVersion, type AccountView } from './account.js'
import { sha256 } from './accounts.js'
import { checkNewPassword, decoyHash, hashPassword, verifyPassword } from './password.js'

/** Who is calling: an account, through a session (people) or an API token (integrations). */
export interface Principal {
  account: AccountView
  via: 'session' | 'token'
  session?: { id: string; signedOnce: boolean; createdAt: string }
  token?: { id: string; name: string }
  /** The account's role requires a second factor it has not enrolled yet: only enrolment is allowed. */
  mfaEnrolmentRequired: boolean
}

export interface LoginResult {
  token: string
  sessionId: string
  account: AccountView
  mfaEnrolmentRequired: boolean
}

const SAME_MESSAGE = 'The user name or password is not correct.'

/**
 * Sign-in, sessions and credential checks (CONTRACT §3, R-AC-07…R-AC-13). A refused attempt
 * appends exactly one system-trail entry; the only other thing it may change is the operational
 * lockout counter.
 */
export class SessionService {
  constructor(
    private readonly ledger: Ledger,
    private readonly reads: StoreReads,
    private readonly settings: SettingsService,
    private readonly alerts: AlertChannel,
    private readonly systemActor: Actor,
    private readonly now: () => number = Date.now,
  ) {}

  async login(input: { username?: unknown; password?: unknown; totp?: unknown }, client: Caller): Promise<LoginResult> {
    const username = typeof input.username === 'string' ? input.username.slice(0, 200) : ''
    const password = typeof input.password === 'string' ? input.password : ''
    if (username === '' || password === '') {
      throw new VeritrailError('validation_failed', 'Enter your user name and password.', {
        errors: [...(username ? [] : [{ path: 'username', message: 'Required.' }]), ...(password ? [] : [{ path: 'password', message: 'Required.' }])],
      })
    }
    const account = await accountByUsername(this.reads.sql, username)
    if (!account || account.kind === 'system') {
      await verifyPassword(await decoyHash(), password)
      await this.#refuse(client, 'login_failed', undefined, { username, reason: 'unknown user' })
      throw new VeritrailError('unauthenticated', SAME_MESSAGE)
    }
    if (account.kind === 'integration') {
      await this.#refuse(client, 'login_failed', account, { username, reason: 'integration account' })
      throw new VeritrailError('forbidden', 'Integration accounts cannot sign in interactively; they call the API with a token.')
    }
    const settings = await this.settings.get()
    const lock = await lockoutOf(this.reads.sql, account.id)
    if (lock.locked) {
      await this.#refuse(client, 'login_failed', account, { username, reason: 'account locked' })
      throw new VeritrailError('account_locked', 'This account is locked after repeated failed attempts. An administrator must unlock it.')
    }
    const passwordOk = await verifyPassword(account.passwordHash, password)
    if (account.status === 'disabled') {
      await this.#refuse(client, 'login_failed', account, { username, reason: 'account disabled' }, {
        kind: 'disabled_account_login',
        severity: 'critical',
        message: `Someone tried to sign in to the disabled account ${username} from ${client.ip || 'an unknown address'}.`,
        details: { username, ip: client.ip, passwordCorrect: passwordOk },
      })
      throw new VeritrailError('unauthenticated', SAME_MESSAGE)
    }
    const totpOk = passwordOk && (account.totpSecret === null || checkTotp(account.totpSecret, input.totp))
    if (!passwordOk || !totpOk) {
      const reason = passwordOk ? 'second factor wrong or missing' : 'wrong password'
      const locked = await this.#countFailure(account, client, { username, reason }, settings.lockout.threshold)
      if (locked) throw new VeritrailError('account_locked', `This account is now locked after ${settings.lockout.threshold} failed attempts. An administrator must unlock it.`)
      if (passwordOk) throw new VeritrailError('unauthenticated', 'Enter the 6-digit code from your authenticator app.', { errors: [{ path: 'totp', message: 'Required.' }], details: { mfa: true } })
      throw new VeritrailError('unauthenticated', SAME_MESSAGE)
    }
    if (passwordChangeDue(account, settings.password.maxAgeDays, this.now())) {
      await this.#refuse(client, 'login_failed', account, { username, reason: account.mustChangePassword ? 'password change required' : 'password expired' })
      throw new VeritrailError('password_change_required', account.mustChangePassword
        ? 'This password was set by an administrator or is temporary: choose your own password first.'
        : `This password is older than ${settings.password.maxAgeDays} days: choose a new one.`)
    }
    const token = `vts_${randomBytes(32).toString('base64url')}`
    const sessionId = uuidv7()
    const mfaEnrolmentRequired = account.totpSecret === null && account.roles.some((r) => (settings.mfa.roles as string[]).includes(r))
    await this.ledger.commit(async (tx) => {
      const at = isoTime(this.now())
      await insertSession(tx, { id: sessionId, tokenHash: sha256(token), accountId: account.id, role: null, at, ip: client.ip, userAgent: client.userAgent })
      await setLockout(tx, account.id, 0, false, at)
      return { entries: [this.#entry(actorOf(account), client, 'login', account, { session: sessionId, details: { mfa: account.totpSecret !== null } })], result: () => undefined }
    })
    return { token, sessionId, account: accountView(account), mfaEnrolmentRequired }
  }

  /** `POST /auth/password`: the user proves the current password and sets a new one. */
  async changePassword(input: { username?: unknown; currentPassword?: unknown; newPassword?: unknown }, client: Caller): Promise<void> {
    const username = typeof input.username === 'string' ? input.username : ''
    const current = typeof input.currentPassword === 'string' ? input.currentPassword : ''
    const account = username ? await accountByUsername(this.reads.sql, username) : null
    if (!account || account.kind !== 'person' || account.status !== 'active') {
      await verifyPassword(await decoyHash(), current)
      await this.#refuse(client, 'login_failed', account ?? undefined, { username, reason: 'password change: unknown or inactive account' })
      throw new VeritrailError('unauthenticated', SAME_MESSAGE)
    }
    const settings = await this.settings.get()
    if ((await lockoutOf(this.reads.sql, account.id)).locked) {
      await this.#refuse(client, 'login_failed', account, { username, reason: 'password change: account locked' })
      throw new VeritrailError('account_locked', 'This account is locked after repeated failed attempts. An administrator must unlock it.')
    }
    if (!(await verifyPassword(account.passwordHash, current))) {
      const locked = await this.#countFailure(account, client, { username, reason: 'password change: wrong current password' }, settings.lockout.threshold)
      throw locked
        ? new VeritrailError('account_locked', 'This account is now locked after repeated failed attempts. An administrator must unlock it.')
        : new VeritrailError('unauthenticated', SAME_MESSAGE)
    }
    const history = await passwordHistory(this.reads.sql, account.id)
    const next = await checkNewPassword(input.newPassword, { username, policy: settings.password, previousHashes: history })
    const passwordHash = await hashPassword(next)
    await this.ledger.commit(async (tx) => {
      const fresh = await accountById(tx.sql, account.id)
      if (!fresh || fresh.version !== account.version) throw new VeritrailError('version_conflict', 'The account changed meanwhile; try again.')
      const build = nextVersion(fresh, { passwordHash, mustChangePassword: false }, account.id)
      await setLockout(tx, account.id, 0, false, isoTime(this.now()))
      return {
        entries: [this.#entry(actorOf(fresh), client, 'password_change', fresh, { version: fresh.version + 1 })],
        rows: ([c]) => ({ accountVersions: [build(c!)] }),
        result: () => undefined,
      }
    })
  }

  /** Resolves a bearer or cookie token to its principal, ending idle sessions (R-AC-11). */
  async authenticate(token: string | undefined, client: Caller): Promise<Principal> {
    if (!token) throw new VeritrailError('unauthenticated', 'Sign in first (send the session cookie or an Authorization: Bearer token).')
    const hash = sha256(token)
    if (token.startsWith('vtk_')) {
      const t = await apiTokenByHash(this.reads.sql, hash)
      const account = t ? await accountById(this.reads.sql, t.accountId) : null
      if (!t || t.revokedTs || !account || account.status !== 'active' || account.kind !== 'integration') {
        throw new VeritrailError('unauthenticated', 'This API token is not valid (unknown, revoked, or its account is disabled).')
      }
      return { account: accountView(account), via: 'token', token: { id: t.id, name: t.name }, mfaEnrolmentRequired: false }
    }
    const session = await sessionByTokenHash(this.reads.sql, hash)
    if (!session || session.endedAt) throw new VeritrailError('unauthenticated', 'Your session has ended; sign in again.')
    const account = await accountById(this.reads.sql, session.accountId)
    if (!account || account.status !== 'active') throw new VeritrailError('unauthenticated', 'Your session has ended; sign in again.')
    const settings = await this.settings.get()
    const idleMs = settings.session.idleMinutes * 60_000
    const now = this.now()
    const idle = now - Date.parse(session.lastSeenAt)
    if (idle > idleMs) {
      await this.ledger.commit(async (tx) => {
        await endSession(tx, session.id, isoTime(now), 'idle timeout')
        return {
          entries: [this.#entry(actorOf(account), client, 'session_expired', account, { session: session.id, details: { idleMinutes: settings.session.idleMinutes } })],
          result: () => undefined,
        }
      })
      throw new VeritrailError('unauthenticated', `Your session ended after ${settings.session.idleMinutes} minutes without activity; sign in again.`, { details: { reason: 'idle' } })
    }
    // Throttled: not one fsync per request (ARCHITECTURE §2.1).
    if (idle > Math.min(60_000, idleMs / 10)) {
      await this.ledger.commit(async (tx) => {
        await touchSession(tx, session.id, isoTime(now))
        return { entries: [], result: () => undefined }
      })
    }
    const mfaEnrolmentRequired = account.totpSecret === null && account.roles.some((r) => (settings.mfa.roles as string[]).includes(r))
    return {
      account: accountView(account),
      via: 'session',
      session: { id: session.id, signedOnce: session.signedOnce, createdAt: session.createdAt },
      mfaEnrolmentRequired,
    }
  }

  async logout(principal: Principal, ctx: ActionContext): Promise<void> {
    if (!principal.session) return
    const account = await accountById(this.reads.sql, principal.account.id)
    await this.ledger.commit(async (tx) => {
      await endSession(tx, principal.session!.id, isoTime(this.now()), 'logout')
      return { entries: [this.#entry(ctx.actor, ctx.client, 'logout', account!, { session: principal.session!.id, correlationId: ctx.correlationId })], result: () => undefined }
    })
  }

  /** A new TOTP secret for the signed-in person to add to an authenticator app. */
  totpProposal(principal: Principal): { secret: string; uri: string } {
    const secret = new OTPAuth.Secret({ size: 20 })
    const totp = new OTPAuth.TOTP({ issuer: 'Veritrail', label: principal.account.username, secret, algorithm: 'SHA1', digits: 6, period: 30 })
    return { secret: secret.base32, uri: totp.toString() }
  }

  /** Stores the second factor once the person proved it with a current code (R-AC-12). */
  async enrolTotp(principal: Principal, input: { secret?: unknown; code?: unknown; currentCode?: unknown }, ctx: ActionContext): Promise<void> {
    if (principal.via !== 'session') throw new VeritrailError('forbidden', 'Only people enrol a second factor.')
    // Replacing a second factor needs the present one: a session taken over (an unlocked screen)
    // must not be enough to move the factor to another phone.
    const enrolled = (await accountById(this.reads.sql, principal.account.id))?.totpSecret
    if (enrolled && !checkTotp(enrolled, input.currentCode)) {
      await this.recordRefusal(ctx, { action: 'mfa_enrol', reason: 'replacing the second factor without its current code' })
      throw new VeritrailError('forbidden', 'Enter the current code of the authenticator app you use now: it is needed to move two-step verification to another app.', {
        errors: [{ path: 'currentCode', message: 'The current code of the app in use now.' }],
      })
    }
    const secret = typeof input.secret === 'string' ? input.secret : ''
    if (!/^[A-Z2-7]{16,64}$/.test(secret) || !checkTotp(secret, input.code)) {
      throw new VeritrailError('validation_failed', 'The code does not match: check the time on your phone and enter the current 6-digit code.', { errors: [{ path: 'code', message: 'Not the current code.' }] })
    }
    await this.ledger.commit(async (tx) => {
      const current = await accountById(tx.sql, principal.account.id)
      if (!current) throw new VeritrailError('not_found', 'The account no longer exists.')
      const build = nextVersion(current, { totpSecret: secret }, ctx.actor.id)
      return {
        entries: [this.#entry(ctx.actor, ctx.client, 'mfa_enrol', current, { version: current.version + 1, correlationId: ctx.correlationId, ...(principal.session ? { session: principal.session.id } : {}) })],
        rows: ([c]) => ({ accountVersions: [build(c!)] }),
        result: () => undefined,
      }
    })
  }

  /**
   * Checks the signer's credentials at the moment of signing (Part 11 §11.200, R-ES-05…R-ES-07,
   * R-ES-10): password always, user name too at the first signing of a session. A failure is
   * recorded (`signature_failed`), counts towards lockout and raises an alert, and nothing else
   * changes. On success returns a function for the caller's own commit that marks the session.
   */
  async checkSigner(principal: Principal, input: { username?: unknown; password?: unknown }, ctx: ActionContext): Promise<(tx: WriteTx) => Promise<void>> {
    if (principal.via !== 'session' || !principal.session || principal.account.kind !== 'person') {
      throw new VeritrailError('forbidden', 'Only a person signed in with a password can sign; integration accounts never sign.')
    }
    const session = principal.session
    const account = await accountById(this.reads.sql, principal.account.id)
    if (!account) throw new VeritrailError('unauthenticated', 'Your session has ended; sign in again.')
    if (typeof input.password !== 'string' || input.password === '') {
      throw new VeritrailError('validation_failed', 'Re-enter your password to sign.', { errors: [{ path: 'password', message: 'Required at every signing.' }] })
    }
    if (!session.signedOnce && (typeof input.username !== 'string' || input.username === '')) {
      throw new VeritrailError('validation_failed', 'Enter your user name and password: the first signing of a session needs both.', { errors: [{ path: 'username', message: 'Required at the first signing of a session.' }] })
    }
    const settings = await this.settings.get()
    const other = typeof input.username === 'string' && input.username !== '' && input.username !== account.username
    if (other || !(await verifyPassword(account.passwordHash, input.password))) {
      const reason = other ? `signing as another user (${String(input.username)})` : 'wrong password at signing'
      const locked = await this.#countFailure(account, ctx.client, { username: account.username, reason }, settings.lockout.threshold, 'signature_failed', ctx)
      if (locked) throw new VeritrailError('account_locked', 'Your account is now locked after repeated failed attempts. An administrator must unlock it.')
      throw new VeritrailError('unauthenticated', other ? 'You can only sign as yourself.' : 'The password is not correct; nothing was signed.', { details: { signature: 'refused' } })
    }
    return async (tx) => {
      await setLockout(tx, account.id, 0, false, isoTime(this.now()))
      if (!session.signedOnce) await markSessionSigned(tx, session.id)
    }
  }

  /**
   * A second person approves a change in the same request (two-person rule, R-RC-04): an active
   * person with one of `roles`, not the actor, proves it with user name and password. A wrong
   * password is recorded and counts towards that person's lockout.
   */
  async verifyApprover(input: { username?: unknown; password?: unknown }, roles: readonly string[], ctx: ActionContext): Promise<Authorizer> {
    const username = typeof input.username === 'string' ? input.username : ''
    const account = username ? await accountByUsername(this.reads.sql, username) : null
    if (!account || account.kind !== 'person' || account.status !== 'active' || !account.roles.some((r) => roles.includes(r))) {
      throw new VeritrailError('forbidden', `The approver must be an active person with the role ${roles.join(' or ')}.`, { errors: [{ path: 'authorization.username', message: 'Not an eligible approver.' }] })
    }
    if (account.id === ctx.actor.id) throw new VeritrailError('segregation_of_duties', 'The approver must be a second person, not the one making the change.')
    if ((await lockoutOf(this.reads.sql, account.id)).locked) throw new VeritrailError('account_locked', `The approver’s account ${username} is locked.`)
    if (typeof input.password !== 'string' || !(await verifyPassword(account.passwordHash, input.password))) {
      const settings = await this.settings.get()
      await this.#countFailure(account, ctx.client, { username, reason: 'wrong password when approving a change' }, settings.lockout.threshold, 'signature_failed', ctx)
      throw new VeritrailError('unauthenticated', 'The approver’s password is not correct; nothing was changed.', { errors: [{ path: 'authorization.password', message: 'Not correct.' }] })
    }
    return { id: account.id, username: account.username, displayName: account.displayName }
  }

  /** Records a refused request (403) as evidence: exactly one system entry (R-AT-13). */
  async recordRefusal(ctx: ActionContext, details: Record<string, string>): Promise<void> {
    const entry: EntryDraft = { trail: 'system', actor: ctx.actor, action: 'access_denied', correlationId: ctx.correlationId, client: ctx.client, details }
    if (ctx.session) entry.session = ctx.session
    await this.ledger.append([entry])
  }

  /** One failure: the entry, the counter, and at the threshold the lock (entry `lock`) and an alert. */
  async #countFailure(
    account: AccountRow,
    client: Caller,
    details: Record<string, string>,
    threshold: number,
    action: 'login_failed' | 'signature_failed' = 'login_failed',
    ctx?: ActionContext,
  ): Promise<boolean> {
    const alerts: Alert[] = []
    const locked = await this.ledger.commit(async (tx) => {
      const { failures } = await lockoutOf(tx.sql, account.id)
      const count = failures + 1
      const locks = count >= threshold
      await setLockout(tx, account.id, count, locks, isoTime(this.now()))
      const actor = ctx?.actor ?? this.systemActor
      const entry = this.#entry(actor, client, locks ? 'lock' : action, account, {
        details: { ...details, failures: count, threshold, ...(locks ? { cause: action } : {}) },
        ...(ctx ? { correlationId: ctx.correlationId, ...(ctx.session ? { session: ctx.session } : {}) } : {}),
      })
      const pending: Omit<Alert, 'id' | 'ts' | 'seq'>[] = []
      if (locks) pending.push({ kind: 'account_locked', severity: 'critical', message: `The account ${account.username} was locked after ${count} failed attempts (last: ${details.reason}).`, details: { username: account.username, failures: count, ip: client.ip } })
      if (action === 'signature_failed') pending.push({ kind: 'signature_failed', severity: 'critical', message: `A signing attempt by ${account.username} failed: ${details.reason}.`, details: { username: account.username, failures: count, ip: client.ip } })
      return {
        entries: [entry],
        rows: ([c]): AppendRows => {
          const built = pending.map((a) => alertRow(a, c!))
          alerts.push(...built.map((b) => b.alert))
          return { alerts: built.map((b) => b.row) }
        },
        result: () => locks,
      }
    })
    this.alerts.publish(alerts)
    return locked
  }

  /** A refused attempt: exactly one system entry (plus, when given, the alert it raises). */
  async #refuse(client: Caller, action: 'login_failed', account: AccountRow | undefined, details: Record<string, string>, alert?: Omit<Alert, 'id' | 'ts' | 'seq'>): Promise<void> {
    const raised: Alert[] = []
    await this.ledger.commit(async () => ({
      entries: [this.#entry(this.systemActor, client, action, account, { details })],
      rows: ([c]): AppendRows => {
        if (!alert) return {}
        const built = alertRow(alert, c!)
        raised.push(built.alert)
        return { alerts: [built.row] }
      },
      result: () => undefined,
    }))
    this.alerts.publish(raised)
  }

  #entry(actor: Actor, caller: Caller, action: EntryDraft['action'], account: AccountRow | undefined, extra: Partial<EntryDraft> & { version?: number } = {}): EntryDraft {
    const { version, ...rest } = extra
    const { correlationId = uuidv7(), ...client } = caller
    const entry: EntryDraft = { trail: 'system', actor, action, correlationId, client, ...rest }
    if (account) entry.target = { type: ACCOUNT_TARGET, typeVersion: '1', id: account.id, version: version ?? account.version }
    return entry
  }
}

/** Who is calling: the client, and the request's correlation id when there is a request. */
export type Caller = ClientInfo & { correlationId?: string }

/** The actor of an account acting for itself (its first role; sign-in is not a GMP action). */
export function actorOf(account: AccountRow | AccountView, role?: string): Actor {
  return { id: account.id, username: account.username, displayName: account.displayName, role: role ?? account.roles[0] ?? 'none', type: account.kind === 'person' ? 'person' : 'system' }
}

function passwordChangeDue(account: AccountRow, maxAgeDays: number, now: number): boolean {
  if (account.mustChangePassword) return true
  if (maxAgeDays === 0 || !account.passwordSetTs) return false
  return now - Date.parse(account.passwordSetTs) > maxAgeDays * 86_400_000
}

function checkTotp(secret: string, code: unknown): boolean {
  if (typeof code !== 'string' || !/^\d{6}$/.test(code)) return false
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 })
  return totp.validate({ token: code, window: 1 }) !== null
}
