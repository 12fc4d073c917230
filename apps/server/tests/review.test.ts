import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adminToken, client, person, startServer, type TestServer } from './harness.js'

/**
 * The seeds' scenario (issue 5): a sterilisation hold time shortened below its validated value,
 * with a reason, is flagged critical; an independent reviewer resolves it with a deviation
 * number and signs; self-review, a wrong password and approval before review are refused; the
 * security channel receives lockout and failed-signature alerts within 5 s.
 */
let server: TestServer
let api: ReturnType<typeof client>
let admin: string
let sink: Server
const received: { kind: string; at: number }[] = []
let op: { token: string; id: string; password: string }
let rev: { token: string; id: string; password: string }
let qa: { token: string; id: string; password: string }
let both: { token: string; id: string; password: string }
let batchId: string

beforeAll(async () => {
  sink = createServer((req, res) => {
    let body = ''
    req.on('data', (c) => (body += c))
    req.on('end', () => {
      received.push({ kind: JSON.parse(body).kind, at: Date.now() })
      res.writeHead(204).end()
    })
  })
  await new Promise<void>((r) => sink.listen(0, '127.0.0.1', () => r()))
  server = await startServer()
  api = client(server.url)
  admin = await adminToken(api)
  const hook = `http://127.0.0.1:${(sink.address() as AddressInfo).port}/alerts`
  const set = await api('PUT', '/api/v1/settings', { token: admin, body: { changes: { alerts: { webhookUrl: hook } }, reason: 'Security channel of site Suzhou' } })
  expect(set.status, set.text).toBe(200)
  op = await person(api, admin, 'olivia', ['operator'])
  rev = await person(api, admin, 'rita', ['reviewer'])
  qa = await person(api, admin, 'quinn', ['qa'])
  both = await person(api, admin, 'bo', ['operator', 'reviewer'])
  for (const p of [op, rev, qa, both]) expect((await api('POST', '/api/v1/signatures/statement', { token: p.token })).status).toBe(204)

  const supplier = await api('POST', '/api/v1/records/meddev.supplierQualification', { token: op.token, body: { data: { supplierCode: 'SUP-900', supplierName: '苏州洁康医用材料有限公司', scope: '医用脱脂纱布', supplierClass: 'A', qualificationStatus: 'pending' } } })
  const lot = await api('POST', '/api/v1/records/meddev.purchase', { token: op.token, body: { data: { receiptNumber: 'GR-2026-90001', poNumber: 'PO260001', supplier: supplier.json.id, materialCode: 'RM-GZ-4012', materialDescription: '医用脱脂纱布', supplierLot: 'JK26031207', quantity: '3500', quantityUnit: 'm', receiptDate: '2026-11-12', inspectionResult: 'accepted' } } })
  const recipe = await api('POST', '/api/v1/records/meddev.recipe', { token: op.token, body: { data: { product: 'GZD-0808', recipeVersion: 'R01', sterilisationTemperature: '121.0', sterilisationTime: '30', chamberPressure: '205', dryingTime: '20', sealTemperature: '180', sealDwellTime: '1.5', sealStrengthMin: '1.5', bioburdenLimit: '100', paperGrammage: '60', status: 'draft' } } })
  expect(recipe.status, recipe.text).toBe(201)
  const data = { batchNumber: 'GZD0808-2611-0001', product: 'GZD-0808', udiDi: '06970123450010', recipe: recipe.json.id, recipeVersion: 'R01', equipment: ['AC-01'], materialLots: [lot.json.id], startedAt: '2026-11-20T08:00:00+08:00', sterilisationLoad: 'AC01-20261120-01', actualSterilisationTemperature: '121.2', actualSterilisationTime: '30', status: 'in_production' }
  const created = await api('POST', '/api/v1/records/meddev.batch', { token: op.token, body: { data } })
  expect(created.status, created.text).toBe(201)
  batchId = created.json.id
  const shortened = await api('PUT', `/api/v1/records/meddev.batch/${batchId}`, { token: op.token, body: { data: { ...data, actualSterilisationTime: '25' }, baseVersion: 1, reason: { text: '计时器误差，按灭菌记录仪打印更正' } } })
  expect(shortened.status, shortened.text).toBe(200)
})
afterAll(async () => {
  await server.close()
  sink.close()
})

describe('review by exception', () => {
  it('flags the shortened sterilisation time as critical, naming rule, version and pack', async () => {
    const review = await api('POST', '/api/v1/reviews', { token: rev.token, body: { scope: { recordType: 'meddev.batch', recordId: batchId } } })
    expect(review.status, review.text).toBe(201)
    const critical = review.json.findings.filter((f: { severity: string }) => f.severity === 'critical')
    expect(critical.length, JSON.stringify({ findings: review.json.findings, errors: review.json.ruleErrors, plugins: server.plugins.list().map((p) => [p.id, p.status, p.problems]) })).toBeGreaterThan(0)
    expect(critical[0]).toMatchObject({
      rule: { id: 'meddev.batch-below-recipe-setpoint', version: '1.0.0', pack: '@veritrail/plugin-meddev-records', packHash: expect.stringMatching(/^[0-9a-f]{64}$/) },
      message: expect.stringMatching(/hold time of batch GZD0808-2611-0001 is 25 min \(was 30 min\), below the validated setpoint of 30 min/),
    })
    const modified = review.json.findings.find((f: { rule: { id: string } }) => f.rule.id === 'gmp.critical-data-modified')
    expect(modified).toMatchObject({ rule: { pack: '@veritrail/plugin-gmp-rules' }, message: expect.stringMatching(/30 min → 25 min/) })
    const entries = await api('GET', `/api/v1/reviews/${review.json.id}/entries`, { token: rev.token })
    expect(entries.json.entries.map((e: { colour: string }) => e.colour)).toContain('critical')

    const coverageBefore = await api('GET', '/api/v1/reviews/coverage', { token: qa.token })
    const unreviewed = (rows: { trail: string; recordType: string | null; unreviewed: number }[]) => rows.find((r) => r.trail === 'data' && r.recordType === 'meddev.batch')!.unreviewed

    const open = await api('POST', `/api/v1/reviews/${review.json.id}/complete`, { token: rev.token, body: { conclusion: 'Reviewed.', password: rev.password, username: 'rita' } })
    expect(open.status).toBe(409)
    const wrong = await api('POST', `/api/v1/reviews/${review.json.id}/complete`, { token: rev.token, body: { conclusion: 'Reviewed.', resolutions: critical.map((f: { id: string }) => ({ findingId: f.id, note: 'Timer fault', reference: 'DEV-2026-031' })), password: 'not my password', username: 'rita' } })
    expect(wrong.status).toBe(401)
    const done = await api('POST', `/api/v1/reviews/${review.json.id}/complete`, {
      token: rev.token,
      body: { conclusion: '缩短的灭菌时间已按偏差 DEV-2026-031 调查并评估。', resolutions: critical.map((f: { id: string }) => ({ findingId: f.id, note: 'Investigated under deviation; product impact assessed', reference: 'DEV-2026-031' })), password: rev.password, username: 'rita', meaning: 'review' },
    })
    expect(done.status, done.text).toBe(200)
    expect(done.json.completed).toMatchObject({ reviewerId: rev.id })
    const signed = await api('GET', `/api/v1/audit?trail=data&action=review&recordId=${batchId}`, { token: qa.token })
    expect(signed.json.entries[0]).toMatchObject({ actor: { username: 'rita', role: 'reviewer' }, details: { signature: { meaning: 'review', signer: 'Rita Tester' } } })
    const coverageAfter = await api('GET', '/api/v1/reviews/coverage', { token: qa.token })
    expect(unreviewed(coverageAfter.json)).toBeLessThan(unreviewed(coverageBefore.json))
    const failures = await api('GET', '/api/v1/audit?trail=system&action=signature_failed', { token: qa.token })
    expect(failures.json.entries.length).toBeGreaterThan(0)
  })

  it('refuses self-review with 403 segregation_of_duties', async () => {
    const own = await api('POST', '/api/v1/records/meddev.supplierQualification', { token: both.token, body: { data: { supplierCode: 'SUP-901', supplierName: 'Own supplier', scope: 'Trays', supplierClass: 'B', qualificationStatus: 'pending' } } })
    const self = await api('POST', '/api/v1/reviews', { token: both.token, body: { scope: { recordType: 'meddev.supplierQualification', recordId: own.json.id } } })
    expect(self.status).toBe(403)
    expect(self.json.code).toBe('segregation_of_duties')
  })

  it('shows a signature as not covering a later version, and refuses approval before review', async () => {
    const current = await api('GET', `/api/v1/records/meddev.batch/${batchId}`, { token: qa.token })
    const approval = await api('POST', '/api/v1/signatures', { token: qa.token, body: { target: { type: 'meddev.batch', id: batchId, version: current.json.version }, meaning: 'approval', password: qa.password, username: 'quinn' } })
    expect(approval.status).toBe(409)
    const sig = await api('POST', '/api/v1/signatures', { token: rev.token, body: { target: { type: 'meddev.batch', id: batchId, version: current.json.version }, meaning: 'review', password: rev.password, username: 'rita' } })
    expect(sig.status, sig.text).toBe(201)
    expect(sig.json).toMatchObject({ signer: { username: 'rita', displayName: 'Rita Tester' }, meaning: 'review', tz: 'Asia/Shanghai' })
    const verify = await api('GET', `/api/v1/signatures/${sig.json.id}/verify`, { token: qa.token })
    expect(verify.json).toMatchObject({ valid: true, coversCurrentVersion: true })
    await api('PUT', `/api/v1/records/meddev.batch/${batchId}`, { token: op.token, body: { data: { ...current.json.data, sterilisationLoad: 'AC01-20261120-02' }, baseVersion: current.json.version, reason: { text: 'Load number typo' } } })
    const listed = await api('GET', `/api/v1/records/meddev.batch/${batchId}/signatures`, { token: qa.token })
    expect(listed.json.find((s: { id: string }) => s.id === sig.json.id).coversCurrentVersion).toBe(false)
  })

  it('alerts the security channel of failed signatures and lockouts within 5 seconds', async () => {
    const victim = await person(api, admin, 'victor', ['qa'])
    await api('POST', '/api/v1/signatures/statement', { token: victim.token })
    const start = Date.now()
    for (let i = 0; i < 5; i++) {
      await api('POST', '/api/v1/signatures', { token: victim.token, body: { target: { type: 'meddev.batch', id: batchId, version: 1 }, meaning: 'review', password: `wrong ${i}`, username: 'victor' } })
    }
    const deadline = Date.now() + 5000
    while (Date.now() < deadline && !(received.some((a) => a.kind === 'account_locked') && received.some((a) => a.kind === 'signature_failed' && a.at >= start))) {
      await new Promise((r) => setTimeout(r, 50))
    }
    const locked = received.find((a) => a.kind === 'account_locked')
    expect(locked, JSON.stringify(received)).toBeDefined()
    expect(locked!.at - start).toBeLessThan(5000)
    expect(received.some((a) => a.kind === 'signature_failed')).toBe(true)
    expect((await api('GET', '/api/v1/auth/me', { token: victim.token })).status).toBe(200)
    const login = await api('POST', '/api/v1/auth/login', { body: { username: 'victor', password: victim.password } })
    expect(login.status).toBe(423)
  })
})
