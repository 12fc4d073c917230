import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Core } from '../src/core.js'
import { isVeritrailError, type VeritrailError } from '../src/errors.js'
import { actorOf, type Principal } from '../src/identity/sessions.js'
import type { ActionContext } from '../src/ledger/context.js'
import { release, tempDir, testCore } from './fixtures.js'

let dir: ReturnType<typeof tempDir>
let core: Core
const client = { ip: '10.0.0.7', userAgent: 'vitest' }

async function refusal(p: Promise<unknown>): Promise<VeritrailError> {
  try {
    await p
  } catch (error) {
    if (isVeritrailError(error)) return error
    throw error
  }
  throw new Error('expected a refusal')
}

interface Person {
  principal: Principal
  ctx: ActionContext
  password: string
}

async function person(admin: ActionContext, username: string, roles: string[], role: string): Promise<Person> {
  const password = `${username} long password`
  await core.accounts.create({ username, displayName: `${username} Person`, roles, password: 'temporary password x' }, admin)
  await core.sessions.changePassword({ username, currentPassword: 'temporary password x', newPassword: password }, client)
  const login = await core.sessions.login({ username, password }, client)
  const principal = await core.sessions.authenticate(login.token, client)
  return { principal, ctx: { actor: actorOf(principal.account, role), client, correlationId: `c-${username}`, session: login.sessionId }, password }
}

let adminCtx: ActionContext
let op: Person
let rev: Person
let qa: Person

beforeEach(async () => {
  dir = tempDir()
  core = await testCore(dir.dir)
  await core.bootstrap('bootstrap admin password')
  await core.sessions.changePassword({ username: 'admin', currentPassword: 'bootstrap admin password', newPassword: 'admin final password' }, client)
  const login = await core.sessions.login({ username: 'admin', password: 'admin final password' }, client)
  const p = await core.sessions.authenticate(login.token, client)
  const admin = { actor: actorOf(p.account, 'sysadmin'), client, correlationId: 'c-admin', session: login.sessionId }
  adminCtx = admin
  op = await person(admin, 'oscar', ['operator'], 'operator')
  rev = await person(admin, 'rhea', ['reviewer'], 'reviewer')
  qa = await person(admin, 'quinn', ['qa'], 'qa')
  for (const who of [op, rev, qa]) await core.signatures.acceptStatement(who.principal, who.ctx)
})
afterEach(async () => {
  await core.close()
  dir.cleanup()
})

describe('electronic signatures', () => {
  it('bind to the version by content hash, need the password (and user name first), and show when superseded', async () => {
    const { id } = await core.records.create(release.id, { batch: 'B-1', status: 'draft' }, op.ctx)
    const target = { type: release.id, id, version: 1 }
    expect((await refusal(core.signatures.sign({ target, meaning: 'review', password: rev.password }, rev.principal, rev.ctx))).errors![0]!.path).toBe('username')
    const wrong = await refusal(core.signatures.sign({ target, meaning: 'review', password: 'wrong', username: 'rhea' }, rev.principal, rev.ctx))
    expect(wrong.code).toBe('unauthenticated')
    const sig = await core.signatures.sign({ target, meaning: 'review', password: rev.password, username: 'rhea' }, rev.principal, rev.ctx)
    expect(sig).toMatchObject({ meaning: 'review', signer: { username: 'rhea', displayName: 'rhea Person', role: 'reviewer' }, tz: 'Europe/Berlin', recordHash: expect.stringMatching(/^[0-9a-f]{64}$/) })
    expect((await core.signatures.verify(sig.id)).valid).toBe(true)
    await core.records.update(release.id, id, { data: { batch: 'B-1', status: 'draft', comment: 'typo fixed' }, baseVersion: 1 }, op.ctx)
    const [listed] = await core.signatures.list(release.id, id)
    expect(listed!.coversCurrentVersion).toBe(false)
    expect((await core.signatures.verify(sig.id)).coversCurrentVersion).toBe(false)
  })

  it('refuses meanings by role, authors reviewing their own record, and approval before review', async () => {
    const { id } = await core.records.create(release.id, { batch: 'B-2', status: 'draft' }, op.ctx)
    const target = { type: release.id, id, version: 1 }
    expect((await refusal(core.signatures.sign({ target, meaning: 'approval', password: op.password, username: 'oscar' }, op.principal, op.ctx))).code).toBe('forbidden')
    const approvalFirst = await refusal(core.signatures.sign({ target, meaning: 'approval', password: qa.password, username: 'quinn' }, qa.principal, qa.ctx))
    expect(approvalFirst.code).toBe('conflict')
    expect(approvalFirst.message).toMatch(/after review/)
    await core.signatures.sign({ target, meaning: 'authorship', password: op.password, username: 'oscar' }, op.principal, op.ctx)
    const both = await person(adminCtx, 'mia', ['operator', 'reviewer'], 'operator')
    await core.signatures.acceptStatement(both.principal, both.ctx)
    const own = await core.records.create(release.id, { batch: 'B-2b', status: 'draft' }, both.ctx)
    const self = await refusal(core.signatures.sign({ target: { type: release.id, id: own.id, version: 1 }, meaning: 'review', password: both.password, username: 'mia' }, both.principal, both.ctx))
    expect(self.code).toBe('segregation_of_duties')
  })

  it('are never deleted: withdrawal is a new entry with a reason by the signer', async () => {
    const { id } = await core.records.create(release.id, { batch: 'B-3', status: 'draft' }, op.ctx)
    const sig = await core.signatures.sign({ target: { type: release.id, id, version: 1 }, meaning: 'review', password: rev.password, username: 'rhea' }, rev.principal, rev.ctx)
    expect((await refusal(core.signatures.withdraw(sig.id, { reason: 'x', password: qa.password }, qa.principal, qa.ctx))).code).toBe('forbidden')
    expect((await refusal(core.signatures.withdraw(sig.id, { password: rev.password }, rev.principal, rev.ctx))).code).toBe('reason_required')
    await core.signatures.withdraw(sig.id, { reason: 'Signed the wrong batch', password: rev.password }, { ...rev.principal, session: { ...rev.principal.session!, signedOnce: true } }, rev.ctx)
    const [listed] = await core.signatures.list(release.id, id)
    expect(listed).toMatchObject({ withdrawn: { reason: 'Signed the wrong batch' }, coversCurrentVersion: false })
  })
})

describe('lifecycle', () => {
  it('allows only declared transitions, with their signatures, and records them as transitions', async () => {
    const { id } = await core.records.create(release.id, { batch: 'L-1', status: 'draft' }, op.ctx)
    expect((await refusal(core.records.create(release.id, { batch: 'L-x', status: 'released' }, op.ctx))).code).toBe('transition_not_allowed')
    const skip = await refusal(core.records.update(release.id, id, { data: { batch: 'L-1', status: 'released' }, baseVersion: 1 }, op.ctx))
    expect(skip.code).toBe('transition_not_allowed')
    expect(skip.message).toMatch(/from “Draft” to “Released”/)
    const unsigned = await refusal(core.records.update(release.id, id, { data: { batch: 'L-1', status: 'reviewed' }, baseVersion: 1 }, op.ctx))
    expect(unsigned.message).toMatch(/needs the review signature/)
    await core.signatures.sign({ target: { type: release.id, id, version: 1 }, meaning: 'review', password: rev.password, username: 'rhea' }, rev.principal, rev.ctx)
    const moved = await core.records.update(release.id, id, { data: { batch: 'L-1', status: 'reviewed' }, baseVersion: 1 }, op.ctx)
    expect(moved.version).toBe(2)
    const rs = await core.store.connections.reader.execute({ sql: 'SELECT action FROM entries WHERE record_id = ? ORDER BY seq', args: [id] })
    expect(rs.rows.map((r) => r[0])).toEqual(['create', 'sign', 'transition'])
    const noReview = await refusal(core.records.update(release.id, id, { data: { batch: 'L-1', status: 'released' }, baseVersion: 2 }, op.ctx))
    expect(noReview.message).toMatch(/approval signature/)
  })

  it('locks released and rejected records, and change-control locks need a second person', async () => {
    const { id } = await core.records.create(release.id, { batch: 'K-1', status: 'draft' }, op.ctx)
    await core.signatures.sign({ target: { type: release.id, id, version: 1 }, meaning: 'review', password: rev.password, username: 'rhea' }, rev.principal, rev.ctx)
    await core.records.update(release.id, id, { data: { batch: 'K-1', status: 'reviewed' }, baseVersion: 1 }, op.ctx)
    await core.records.update(release.id, id, { data: { batch: 'K-1', status: 'rejected' }, baseVersion: 2 }, op.ctx)
    const locked = await refusal(core.records.update(release.id, id, { data: { batch: 'K-1', status: 'rejected', comment: 'late note' }, baseVersion: 3 }, op.ctx))
    expect(locked.code).toBe('record_locked')
    const cc = await core.records.create(release.id, { batch: 'K-2', status: 'draft' }, op.ctx)
    await core.records.update(release.id, cc.id, { data: { batch: 'K-2', status: 'controlled' }, baseVersion: 1 }, op.ctx)
    const alone = await refusal(core.records.update(release.id, cc.id, { data: { batch: 'K-2', status: 'controlled', comment: 'fix' }, baseVersion: 2, changeControl: 'CC-2026-014' }, op.ctx))
    expect(alone.code).toBe('record_locked')
    const authorizer = await core.sessions.verifyApprover({ username: 'quinn', password: qa.password }, ['qa'], op.ctx)
    const ok = await core.records.update(release.id, cc.id, { data: { batch: 'K-2', status: 'controlled', comment: 'fix' }, baseVersion: 2, changeControl: 'CC-2026-014' }, { ...op.ctx, authorizer })
    expect(ok.version).toBe(3)
    const rs = await core.store.connections.reader.execute({ sql: 'SELECT bytes FROM entries WHERE record_id = ? ORDER BY seq DESC LIMIT 1', args: [cc.id] })
    expect(JSON.parse(String(rs.rows[0]![0]))).toMatchObject({ authorizer: { username: 'quinn' }, details: { changeControl: 'CC-2026-014' } })
    expect((await refusal(core.sessions.verifyApprover({ username: 'oscar', password: op.password }, ['qa'], op.ctx))).code).toBe('forbidden')
  })
})
