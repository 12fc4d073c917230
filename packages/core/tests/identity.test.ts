import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as OTPAuth from 'otpauth'
import type { Core } from '../src/core.js'
import { isVeritrailError, type VeritrailError } from '../src/errors.js'
import type { Entry } from '../src/ledger/entry.js'
import { actorOf } from '../src/identity/sessions.js'
import type { Alert } from '../src/alerts/alerts.js'
import { tempDir, testCore } from './fixtures.js'

let dir: ReturnType<typeof tempDir>
let core: Core
let clock = Date.parse('2026-11-23T09:00:00.000Z')
const client = { ip: '10.1.2.3', userAgent: 'vitest' }
const raised: Alert[] = []

beforeEach(async () => {
  dir = tempDir()
  clock = Date.parse('2026-11-23T09:00:00.000Z')
  core = await testCore(dir.dir, { now: () => clock })
  await core.bootstrap('initial-admin-password')
  raised.length = 0
  core.alerts.subscribe((a) => raised.push(a))
})
afterEach(async () => {
  await core.close()
  dir.cleanup()
})

async function refusal(p: Promise<unknown>): Promise<VeritrailError> {
  try {
    await p
  } catch (error) {
    if (isVeritrailError(error)) return error
    throw error
  }
  throw new Error('expected a refusal')
}

async function systemEntries(): Promise<Entry[]> {
  const rs = await core.store.connections.reader.execute("SELECT bytes FROM entries WHERE trail = 'system' ORDER BY seq")
  return rs.rows.map((r) => JSON.parse(String(r[0])) as Entry)
}

/** Signs in as admin after the first-login password change; returns an admin context. */
async function admin() {
  await core.sessions.changePassword({ username: 'admin', currentPassword: 'initial-admin-password', newPassword: 'a much better admin passphrase' }, client)
  const login = await core.sessions.login({ username: 'admin', password: 'a much better admin passphrase' }, client)
  const principal = await core.sessions.authenticate(login.token, client)
  return { principal, ctx: { actor: actorOf(principal.account, 'sysadmin'), client, correlationId: 'c-admin', session: login.sessionId } }
}

describe('bootstrap and first login', () => {
  it('creates system and admin once; admin must change the password first', async () => {
    expect((await core.bootstrap('initial-admin-password')).createdAdmin).toBe(false)
    const first = await refusal(core.sessions.login({ username: 'admin', password: 'initial-admin-password' }, client))
    expect(first.code).toBe('password_change_required')
    const weak = await refusal(core.sessions.changePassword({ username: 'admin', currentPassword: 'initial-admin-password', newPassword: 'short' }, client))
    expect(weak.code).toBe('validation_failed')
    expect(weak.errors![0]!.path).toBe('newPassword')
    const same = await refusal(core.sessions.changePassword({ username: 'admin', currentPassword: 'initial-admin-password', newPassword: 'initial-admin-password' }, client))
    expect(same.message).toMatch(/not used for your last/)
    const { principal } = await admin()
    expect(principal.account).toMatchObject({ username: 'admin', roles: ['sysadmin'], mustChangePassword: false })
    expect(JSON.stringify(principal)).not.toMatch(/argon2|passwordHash|totpSecret/)
    const actions = (await systemEntries()).map((e) => e.action)
    expect(actions).toEqual(['system_start', 'user_create', 'user_create', 'login_failed', 'password_change', 'login'])
  })

  it('generates a one-time admin password when none is configured', async () => {
    const other = tempDir()
    const c = await testCore(other.dir)
    const result = await c.bootstrap()
    expect(result.generatedPassword).toMatch(/^[A-Za-z0-9_-]{24}$/)
    expect((await refusal(c.sessions.login({ username: 'admin', password: result.generatedPassword! }, client))).code).toBe('password_change_required')
    await c.close()
    other.cleanup()
  })
})

describe('accounts', () => {
  it('creates people with a temporary password, enforces segregation of duties and never reuses names', async () => {
    const { ctx } = await admin()
    const alice = await core.accounts.create({ username: 'alice', displayName: 'Alice Wang 王爱丽', roles: ['operator', 'reviewer'] }, ctx)
    expect(alice.temporaryPassword).toHaveLength(24)
    expect((await refusal(core.accounts.create({ username: 'bob', displayName: 'Bob', roles: ['sysadmin', 'qa'] }, ctx))).code).toBe('segregation_of_duties')
    expect((await refusal(core.accounts.setRoles(alice.id, ['sysadmin', 'operator'], 'promotion', ctx))).code).toBe('segregation_of_duties')
    expect((await refusal(core.accounts.setRoles(alice.id, ['qa'], '', ctx))).code).toBe('reason_required')
    await core.accounts.setRoles(alice.id, ['qa'], 'Moved to QA department', ctx)
    await core.accounts.disable(alice.id, 'Left the company', ctx)
    expect((await refusal(core.accounts.create({ username: 'alice', displayName: 'Alice Two', roles: ['operator'] }, ctx))).code).toBe('conflict')
    const history = await core.accounts.history(alice.id)
    expect(history.map((h) => [h.version, h.roles, h.status])).toEqual([
      [1, ['operator', 'reviewer'], 'active'],
      [2, ['qa'], 'active'],
      [3, ['qa'], 'disabled'],
    ])
    const roleChange = (await systemEntries()).find((e) => e.action === 'role_change')!
    expect(roleChange).toMatchObject({
      actor: { username: 'admin', role: 'sysadmin' },
      target: { type: 'veritrail.account', id: alice.id, version: 2 },
      changes: [{ field: 'roles', old: ['operator', 'reviewer'], new: ['qa'] }],
      reason: { text: 'Moved to QA department' },
    })
  })

  it('integration accounts cannot log in, and their API tokens work until revoked', async () => {
    const { ctx } = await admin()
    const mes = await core.accounts.create({ username: 'mes-line3', displayName: 'MES line 3', roles: ['integration'] }, ctx)
    expect(mes.temporaryPassword).toBeUndefined()
    expect((await refusal(core.sessions.login({ username: 'mes-line3', password: 'anything at all' }, client))).code).toBe('forbidden')
    const token = await core.accounts.issueToken(mes.id, 'MES line 3', 'Go-live of the MES interface', ctx)
    expect(token.token).toMatch(/^vtk_/)
    expect((await core.sessions.authenticate(token.token, client)).account.username).toBe('mes-line3')
    await core.accounts.revokeToken(mes.id, token.id, 'Key leaked in a ticket', ctx)
    expect((await refusal(core.sessions.authenticate(token.token, client))).code).toBe('unauthenticated')
    const stored = await core.store.connections.reader.execute('SELECT token_hash FROM api_tokens')
    expect(String(stored.rows[0]![0])).not.toContain(token.token.slice(4))
  })
})

describe('lockout, alerts and refusals', () => {
  it('locks after 5 failures with 423, one entry per attempt, an alert, and an audited unlock', async () => {
    const { ctx } = await admin()
    const bob = await core.accounts.create({ username: 'bob', displayName: 'Bob Li', roles: ['operator'] }, ctx)
    await core.sessions.changePassword({ username: 'bob', currentPassword: bob.temporaryPassword!, newPassword: 'bob has a long password' }, client)
    const before = (await systemEntries()).length
    const codes = []
    for (let i = 0; i < 6; i++) codes.push((await refusal(core.sessions.login({ username: 'bob', password: `wrong ${i}` }, client))).code)
    expect(codes).toEqual(['unauthenticated', 'unauthenticated', 'unauthenticated', 'unauthenticated', 'account_locked', 'account_locked'])
    expect((await refusal(core.sessions.login({ username: 'bob', password: 'bob has a long password' }, client))).code).toBe('account_locked')
    const after = (await systemEntries()).slice(before)
    expect(after.map((e) => e.action)).toEqual(['login_failed', 'login_failed', 'login_failed', 'login_failed', 'lock', 'login_failed', 'login_failed'])
    expect(after[4]!.target).toMatchObject({ type: 'veritrail.account', id: bob.id })
    expect(raised.map((a) => a.kind)).toEqual(['account_locked'])
    expect((await core.alerts.list()).map((a) => a.kind)).toEqual(['account_locked'])
    await core.accounts.unlock(bob.id, 'Identity confirmed by phone', ctx)
    expect((await core.sessions.login({ username: 'bob', password: 'bob has a long password' }, client)).account.username).toBe('bob')
  })

  it('answers unknown users and wrong passwords alike, and alerts on a disabled account', async () => {
    const { ctx } = await admin()
    const carol = await core.accounts.create({ username: 'carol', displayName: 'Carol', roles: ['auditor'], password: 'carol long password' }, ctx)
    const unknown = await refusal(core.sessions.login({ username: 'nobody', password: 'whatever password' }, client))
    const wrong = await refusal(core.sessions.login({ username: 'carol', password: 'whatever password' }, client))
    expect(unknown.message).toBe(wrong.message)
    await core.accounts.disable(carol.id, 'Contract ended', ctx)
    expect((await refusal(core.sessions.login({ username: 'carol', password: 'carol long password' }, client))).message).toBe(unknown.message)
    expect(raised.map((a) => a.kind)).toEqual(['disabled_account_login'])
  })
})

describe('sessions', () => {
  it('expire after the idle timeout with a session_expired entry, and end at logout', async () => {
    const { principal, ctx } = await admin()
    const login = await core.sessions.login({ username: 'admin', password: 'a much better admin passphrase' }, client)
    clock += 14 * 60_000
    await core.sessions.authenticate(login.token, client)
    clock += 14 * 60_000
    await core.sessions.authenticate(login.token, client)
    clock += 16 * 60_000
    const expired = await refusal(core.sessions.authenticate(login.token, client))
    expect(expired.message).toMatch(/15 minutes without activity/)
    expect((await systemEntries()).at(-1)!.action).toBe('session_expired')
    await core.sessions.logout(principal, ctx)
    expect((await refusal(core.sessions.authenticate('vts_not-a-token', client))).code).toBe('unauthenticated')
  })

  it('requires a password change when the password is older than the maximum age', async () => {
    await admin()
    clock += 91 * 86_400_000
    expect((await refusal(core.sessions.login({ username: 'admin', password: 'a much better admin passphrase' }, client))).code).toBe('password_change_required')
  })

  it('supports a TOTP second factor', async () => {
    const { principal, ctx } = await admin()
    const proposal = core.sessions.totpProposal(principal)
    expect(proposal.uri).toMatch(/^otpauth:\/\/totp\/Veritrail:admin\?/)
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(proposal.secret) })
    expect((await refusal(core.sessions.enrolTotp(principal, { secret: proposal.secret, code: '000000' }, ctx))).code).toBe('validation_failed')
    await core.sessions.enrolTotp(principal, { secret: proposal.secret, code: totp.generate({ timestamp: Date.now() }) }, ctx)
    const missing = await refusal(core.sessions.login({ username: 'admin', password: 'a much better admin passphrase' }, client))
    expect(missing.errors?.[0]?.path).toBe('totp')
    const ok = await core.sessions.login({ username: 'admin', password: 'a much better admin passphrase', totp: totp.generate({ timestamp: Date.now() }) }, client)
    expect(ok.account.mfa).toBe(true)
  })

  it('checks signer credentials: user name at the first signing, password always, failures alert', async () => {
    const { ctx } = await admin()
    const qa = await core.accounts.create({ username: 'quinn', displayName: 'Quinn QA', roles: ['qa'], password: 'quinn long password' }, ctx)
    await core.sessions.changePassword({ username: 'quinn', currentPassword: 'quinn long password', newPassword: 'quinn new long password' }, client)
    const login = await core.sessions.login({ username: 'quinn', password: 'quinn new long password' }, client)
    const principal = await core.sessions.authenticate(login.token, client)
    const qctx = { actor: actorOf(principal.account, 'qa'), client, correlationId: 'c-q', session: login.sessionId }
    expect((await refusal(core.sessions.checkSigner(principal, { password: 'quinn new long password' }, qctx))).errors![0]!.path).toBe('username')
    expect((await refusal(core.sessions.checkSigner(principal, { username: 'admin', password: 'quinn new long password' }, qctx))).message).toMatch(/only sign as yourself/)
    expect((await refusal(core.sessions.checkSigner(principal, { username: 'quinn', password: 'wrong' }, qctx))).code).toBe('unauthenticated')
    expect(raised.filter((a) => a.kind === 'signature_failed')).toHaveLength(2)
    const mark = await core.sessions.checkSigner(principal, { username: 'quinn', password: 'quinn new long password' }, qctx)
    await core.ledger.commit(async (tx) => {
      await mark(tx)
      return { entries: [], result: () => undefined }
    })
    const again = await core.sessions.authenticate(login.token, client)
    expect(again.session!.signedOnce).toBe(true)
    await core.sessions.checkSigner(again, { password: 'quinn new long password' }, qctx)
    expect(qa.roles).toEqual(['qa'])
  })
})
