import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as OTPAuth from 'otpauth'
import { ACTION_LABELS, MEANING_LABELS, ROLE_LABELS, canonicalJson, hashLeaf, openCheckpoint, parseVerifierKey, verifyInclusion } from '@veritrail/core'
import { adminToken, client, integration, person, startServer, type TestServer } from './harness.js'

let server: TestServer
let api: ReturnType<typeof client>
let admin: string
let operator: { token: string; id: string }
let qa: { token: string; id: string }

const supplier = {
  supplierCode: 'SUP-001',
  supplierName: '苏州精密注塑有限公司',
  scope: 'Injection-moulded housings',
  supplierClass: 'A',
  qualificationStatus: 'pending',
}

beforeAll(async () => {
  server = await startServer()
  api = client(server.url)
  admin = await adminToken(api)
  operator = await person(api, admin, 'olivia', ['operator'])
  qa = await person(api, admin, 'quentin', ['qa'])
})
afterAll(async () => server.close())

describe('errors and limits', () => {
  it('answers problem+json with a stable code for 401, 404, 405, 400 and 413', async () => {
    const unauth = await api('GET', '/api/v1/audit')
    expect(unauth.status).toBe(401)
    expect(unauth.headers.get('content-type')).toMatch(/application\/problem\+json/)
    expect(unauth.json).toMatchObject({ status: 401, code: 'unauthenticated', title: expect.any(String), detail: expect.any(String), type: expect.any(String) })
    expect((await api('GET', '/api/v1/nothing-here', { token: admin })).json.code).toBe('not_found')
    const del = await api('DELETE', '/api/v1/audit', { token: admin })
    expect(del.status).toBe(405)
    expect(del.headers.get('allow')).toBe('GET')
    const malformed = await api('POST', '/api/v1/records/meddev.supplierQualification', { token: operator.token, body: '{"data": {' })
    expect(malformed.status).toBe(400)
    expect(malformed.json.code).toBe('validation_failed')
    const big = await api('POST', '/api/v1/records/meddev.supplierQualification', { token: operator.token, body: JSON.stringify({ data: { x: 'x'.repeat(1024 * 1024 + 10) } }) })
    expect(big.status).toBe(413)
    expect(big.json.code).toBe('payload_too_large')
    expect(server.logs).toEqual([])
  })
})

describe('sign-in evidence', () => {
  it('writes login, failed login and password change entries under the request’s correlation id', async () => {
    const failed = await api('POST', '/api/v1/auth/login', { body: { username: 'olivia', password: 'not her password' } })
    expect(failed.status).toBe(401)
    const ok = await api('POST', '/api/v1/auth/login', { body: { username: 'olivia', password: 'olivia has a long password' } })
    expect(ok.status).toBe(200)
    for (const [res, action] of [[failed, 'login_failed'], [ok, 'login']] as const) {
      const id = res.headers.get('x-correlation-id')!
      const found = await api('GET', `/api/v1/audit?trail=system&q=${id}`, { token: qa.token })
      expect(found.json.entries.map((e: { action: string; correlationId: string }) => [e.action, e.correlationId])).toEqual([[action, id]])
    }
  })
})

describe('records over HTTP', () => {
  it('creates, changes with reasons, conflicts, deletes and keeps every version', async () => {
    const created = await api('POST', '/api/v1/records/meddev.supplierQualification', { token: operator.token, body: { data: supplier } })
    expect(created.status).toBe(201)
    expect(created.json).toEqual({ id: expect.any(String), version: 1, seq: expect.any(Number) })
    expect(created.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/)
    const id = created.json.id
    const changed = { ...supplier, qualificationStatus: 'approved', auditType: 'onsite', auditDate: '2026-11-20', requalificationDue: '2029-11-20' }
    const noReason = await api('PUT', `/api/v1/records/meddev.supplierQualification/${id}`, { token: operator.token, body: { data: { ...changed, supplierName: '苏州精密注塑股份有限公司' }, baseVersion: 1 } })
    if (noReason.status === 422) expect(noReason.json.code).toBe('reason_required')
    const ok = await api('PUT', `/api/v1/records/meddev.supplierQualification/${id}`, { token: operator.token, body: { data: changed, baseVersion: 1, reason: { code: 'other', text: '现场审核通过' } } })
    expect(ok.status, ok.text).toBe(200)
    expect(ok.json.version).toBe(2)
    const stale = await api('PUT', `/api/v1/records/meddev.supplierQualification/${id}`, { token: operator.token, body: { data: supplier, baseVersion: 1 } })
    expect(stale.status).toBe(409)
    expect(stale.json).toMatchObject({ code: 'version_conflict', currentVersion: 2 })
    const versions = await api('GET', `/api/v1/records/meddev.supplierQualification/${id}/versions`, { token: qa.token })
    expect(versions.json.map((v: { version: number }) => v.version)).toEqual([1, 2])
    const forbidden = await api('POST', '/api/v1/records/meddev.supplierQualification', { token: qa.token, body: { data: supplier } })
    expect(forbidden.status).toBe(403)
    expect(forbidden.json.code).toBe('forbidden')
  })

  it('deletes in the role the record type allows when the person holds several roles', async () => {
    const both = await person(api, admin, 'dora', ['operator', 'qa'])
    const training = { trainee: 'olivia', course: 'Gowning', sopNumber: 'SOP-CR-001', sopRevision: 'C', method: 'classroom', completionDate: '2026-11-02', trainer: 'quentin', result: 'passed' }
    const created = await api('POST', '/api/v1/records/meddev.training', { token: both.token, body: { data: training } })
    expect(created.status, created.text).toBe(201)
    const deleted = await api('DELETE', `/api/v1/records/meddev.training/${created.json.id}`, { token: both.token, body: { reason: { code: 'duplicate_entry', text: 'Entered twice' } } })
    expect(deleted.status, deleted.text).toBe(200)
    const trail = await api('GET', `/api/v1/audit?recordId=${created.json.id}&trail=data`, { token: qa.token })
    const tombstone = trail.json.entries.find((e: { action: string }) => e.action === 'delete')
    expect(tombstone.actor).toMatchObject({ username: 'dora', role: 'qa' })
    const operatorOnly = await api('POST', '/api/v1/records/meddev.training', { token: operator.token, body: { data: training } })
    const refused = await api('DELETE', `/api/v1/records/meddev.training/${operatorOnly.json.id}`, { token: operator.token, body: { reason: { code: 'duplicate_entry', text: 'Entered twice' } } })
    expect(refused.status).toBe(403)
  })

  it('refuses a critical change without a reason with 422 reason_required', async () => {
    const types = await api('GET', '/api/v1/record-types?locale=zh-CN', { token: qa.token })
    const recipe = types.json.find((t: { id: string }) => t.id === 'meddev.recipe')
    expect(recipe.title).toBe('工艺配方')
    expect(recipe.fields.some((f: { critical: boolean }) => f.critical)).toBe(true)
    expect(recipe.jsonSchema.type).toBe('object')
  })
})

describe('audit trail over HTTP', () => {
  it('serves entries exactly as hashed, searchable in English and Chinese, with proofs', async () => {
    const page = await api('GET', '/api/v1/audit?trail=data&q=' + encodeURIComponent('精密注塑'), { token: qa.token })
    expect(page.status, page.text).toBe(200)
    expect(page.json.entries.length).toBeGreaterThan(0)
    const entry = page.json.entries[0]
    const { leafHash, display, ...hashed } = entry
    expect(Buffer.from(hashLeaf(Buffer.from(canonicalJson(hashed)))).toString('base64')).toBe(leafHash)
    expect(display.action).toMatch(/Created|Modified/)
    const twoChars = await api('GET', '/api/v1/audit?q=' + encodeURIComponent('审核'), { token: qa.token })
    expect(twoChars.json.entries.length).toBeGreaterThan(0)
    const english = await api('GET', '/api/v1/audit?q=supplier%20qualif', { token: qa.token })
    expect(english.json.entries.length).toBeGreaterThan(0)
    const byActor = await api('GET', '/api/v1/audit?actor=olivia&trail=data&limit=1', { token: qa.token })
    expect(byActor.json.entries).toHaveLength(1)
    expect(byActor.json.nextCursor).toEqual(expect.any(String))
    const next = await api('GET', `/api/v1/audit?actor=olivia&trail=data&limit=1&cursor=${byActor.json.nextCursor}`, { token: qa.token })
    expect(next.json.entries[0].seq).toBeLessThan(byActor.json.entries[0].seq)
    const checkpoint = await api('GET', '/api/v1/audit/checkpoint?trail=data', { token: qa.token })
    const key = await api('GET', '/api/v1/audit/public-key', { token: qa.token })
    const cp = openCheckpoint(checkpoint.json.note, parseVerifierKey(key.json.key), { origin: checkpoint.json.origin })
    const proof = await api('GET', `/api/v1/audit/proof/inclusion?trail=data&seq=${entry.seq}&size=${cp.size}`, { token: qa.token })
    verifyInclusion(proof.json.leafIndex, proof.json.treeSize, Buffer.from(leafHash, 'base64'), proof.json.hashes.map((h: string) => Buffer.from(h, 'base64')), cp.rootHash)
    const bad = await api('GET', '/api/v1/audit?from=yesterday', { token: qa.token })
    expect(bad.status).toBe(400)
    expect(bad.json.errors[0].path).toBe('from')
  })

  it('verifies both trails in a worker and records the verification', async () => {
    const res = await api('POST', '/api/v1/audit/verify', { token: qa.token })
    expect(res.status, res.text).toBe(200)
    expect(res.json.ok).toBe(true)
    expect(res.json.trails.data.size).toBeGreaterThan(0)
    const entries = await api('GET', '/api/v1/audit?trail=system&action=verify', { token: qa.token })
    expect(entries.json.entries[0].details.ok).toBe(true)
    expect((await api('POST', '/api/v1/audit/verify', { token: operator.token })).status).toBe(403)
  })
})

describe('ingest', () => {
  it('is atomic per batch, keeps the source, and replays idempotently', async () => {
    const mes = await integration(api, admin, 'mes-line-1')
    const item = (code: string) => ({ op: 'create', type: 'meddev.supplierQualification', data: { ...supplier, supplierCode: code }, sourceUser: 'zhang.wei', sourceTs: '2026-11-22T10:00:00+08:00', sourceRef: `MES-${code}` })
    const before = (await api('GET', '/api/v1/health')).json.trails.data.size
    const rejected = await api('POST', '/api/v1/ingest', { token: mes.token, body: { source: { system: 'MES' }, idempotencyKey: 'batch-0001-bad', items: [item('SUP-901'), { ...item('SUP-902'), data: { supplierCode: 'SUP-902' } }, item('SUP-903')] } })
    expect(rejected.status).toBe(400)
    expect(rejected.json.items.map((i: { index: number }) => i.index), JSON.stringify(rejected.json.items)).toEqual([1])
    expect((await api('GET', '/api/v1/health')).json.trails.data.size).toBe(before)
    const body = { source: { system: 'MES' }, idempotencyKey: 'batch-0001', items: [item('SUP-901'), item('SUP-902')] }
    const ok = await api('POST', '/api/v1/ingest', { token: mes.token, body })
    expect(ok.status, ok.text).toBe(200)
    expect(ok.json.results).toHaveLength(2)
    const again = await api('POST', '/api/v1/ingest', { token: mes.token, body })
    expect(again.status).toBe(200)
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    expect(again.json).toEqual(ok.json)
    expect((await api('GET', '/api/v1/health')).json.trails.data.size).toBe(before + 2)
    const reused = await api('POST', '/api/v1/ingest', { token: mes.token, body: { ...body, items: [item('SUP-909')] } })
    expect(reused.status).toBe(409)
    const entries = await api('GET', `/api/v1/audit?trail=data&recordId=${ok.json.results[0].id}`, { token: qa.token })
    expect(entries.json.entries[0]).toMatchObject({ actor: { username: 'mes-line-1', type: 'system', role: 'integration' }, source: { system: 'MES', user: 'zhang.wei', ref: 'MES-SUP-901' } })
    const transfer = await api('GET', '/api/v1/audit?trail=system&action=ingest,ingest_rejected', { token: qa.token })
    expect(transfer.json.entries.map((e: { action: string }) => e.action)).toEqual(['ingest', 'ingest_rejected'])
    expect((await api('POST', '/api/v1/auth/login', { body: { username: 'mes-line-1', password: 'whatever password' } })).status).toBe(403)
    expect(createHash('sha256').update('x').digest('hex')).toHaveLength(64)
  })
})

describe('vocabulary (labels of codes, from the core)', () => {
  it('gives any signed-in account every action, role and meaning label in English and Chinese; nobody else', async () => {
    const unauth = await api('GET', '/api/v1/vocabulary')
    expect(unauth.status).toBe(401)
    expect(unauth.headers.get('content-type')).toMatch(/application\/problem\+json/)
    expect(unauth.json).toMatchObject({ status: 401, code: 'unauthenticated' })
    const res = await api('GET', '/api/v1/vocabulary', { token: operator.token })
    expect(res.status, res.text).toBe(200)
    expect(res.json.actions).toEqual(ACTION_LABELS)
    expect(res.json.meanings).toEqual(MEANING_LABELS)
    expect(res.json.roles).toEqual({ ...ROLE_LABELS, system: { en: 'System', 'zh-CN': '系统' } })
    expect(res.json.actions.mfa_enrol).toEqual({ en: 'Second factor enrolled', 'zh-CN': '启用双因素认证' })
    const mes = await integration(api, admin, 'mes-vocabulary')
    expect((await api('GET', '/api/v1/vocabulary', { token: mes.token })).status).toBe(200)
    // The same words whatever the reader's language: both are in the answer.
    expect((await api('GET', '/api/v1/vocabulary?locale=zh-CN', { token: qa.token })).json).toEqual(res.json)
  })
})

describe('second factor over HTTP', () => {
  it('makes a role enrol before anything else, enrols with a current code, then demands the code at sign-in; an administrator removes it', async () => {
    const auditor = await person(api, admin, 'astrid', ['auditor'])
    const setMfaRoles = (roles: string[]) => api('PUT', '/api/v1/settings', { token: admin, body: { changes: { mfa: { roles } }, reason: 'Second factor for auditors' } })
    expect((await setMfaRoles(['auditor'])).status).toBe(200)
    const login = await api('POST', '/api/v1/auth/login', { body: { username: 'astrid', password: auditor.password } })
    expect(login.json.mfaEnrolmentRequired).toBe(true)
    const token = login.json.token
    const blocked = await api('GET', '/api/v1/audit', { token })
    expect(blocked.status).toBe(403)
    expect(blocked.json.code).toBe('mfa_enrolment_required')
    // What the enrolment screen needs stays open: who am I, the labels, the proposal.
    expect((await api('GET', '/api/v1/auth/me', { token })).json.mfaEnrolmentRequired).toBe(true)
    expect((await api('GET', '/api/v1/vocabulary', { token })).status).toBe(200)
    const proposal = await api('POST', '/api/v1/auth/mfa/proposal', { token })
    expect(proposal.json.uri).toMatch(/^otpauth:\/\/totp\/Veritrail:astrid\?/)
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(proposal.json.secret) })
    const wrong = await api('POST', '/api/v1/auth/mfa', { token, body: { secret: proposal.json.secret, code: '000000' } })
    expect(wrong.status).toBe(400)
    expect(wrong.json.errors[0].path).toBe('code')
    const enrolled = await api('POST', '/api/v1/auth/mfa', { token, body: { secret: proposal.json.secret, code: totp.generate() } })
    expect(enrolled.status, enrolled.text).toBe(204)
    expect((await api('GET', '/api/v1/audit?limit=1', { token })).status).toBe(200)
    const noCode = await api('POST', '/api/v1/auth/login', { body: { username: 'astrid', password: auditor.password } })
    expect(noCode.status).toBe(401)
    expect(noCode.json.mfa).toBe(true)
    const withCode = await api('POST', '/api/v1/auth/login', { body: { username: 'astrid', password: auditor.password, totp: totp.generate() } })
    expect(withCode.status, withCode.text).toBe(200)
    expect(withCode.json.mfaEnrolmentRequired).toBe(false)
    // Moving the factor to another app needs the current code; a refusal is one entry of evidence.
    const denials = async () => (await api('GET', '/api/v1/audit?trail=system&action=access_denied&limit=500', { token: qa.token })).json.entries.length
    const deniedBefore = await denials()
    const replacement = await api('POST', '/api/v1/auth/mfa/proposal', { token: withCode.json.token })
    const other = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(replacement.json.secret) })
    const takeover = await api('POST', '/api/v1/auth/mfa', { token: withCode.json.token, body: { secret: replacement.json.secret, code: other.generate() } })
    expect(takeover.status).toBe(403)
    expect(takeover.json.errors[0].path).toBe('currentCode')
    expect(await denials()).toBe(deniedBefore + 1)
    const moved = await api('POST', '/api/v1/auth/mfa', { token: withCode.json.token, body: { secret: replacement.json.secret, code: other.generate(), currentCode: totp.generate() } })
    expect(moved.status, moved.text).toBe(204)
    const revoked = await api('POST', `/api/v1/users/${auditor.id}/mfa/revoke`, { token: admin, body: { reason: 'Phone lost, identity checked in person' } })
    expect(revoked.status, revoked.text).toBe(200)
    expect(revoked.json.mfa).toBe(false)
    const again = await api('POST', `/api/v1/users/${auditor.id}/mfa/revoke`, { token: admin, body: { reason: 'Twice' } })
    expect(again.status).toBe(409)
    const trail = await api('GET', '/api/v1/audit?trail=system&action=mfa_enrol,mfa_revoke', { token: qa.token })
    expect(trail.json.entries.map((e: { action: string }) => e.action)).toEqual(['mfa_revoke', 'mfa_enrol', 'mfa_enrol'])
    expect((await setMfaRoles([])).status).toBe(200)
  })
})
