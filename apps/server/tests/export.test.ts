import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyEvidencePackage } from '@veritrail/plugin-exporter-evidence'
import { adminToken, client, person, startServer, type TestServer } from './harness.js'
import { storedEntries } from './helpers.js'

/**
 * Issue 6: exports over the real HTTP API, read back with standard tools — pdftotext, Python's
 * csv and zipfile, a JSON Schema validator, the offline package verifier — and each export's
 * system-trail entry checked against the SHA-256 of the bytes received.
 */
let server: TestServer
let api: ReturnType<typeof client>
let admin: string
let op: { token: string; id: string; password: string }
let rev: { token: string; id: string; password: string }
let qa: { token: string; id: string; password: string }
let auditor: { token: string; id: string; password: string }
let supplierId: string
let unchangedId: string
const TYPE = 'meddev.supplierQualification'

/** POSTs an export and returns the raw bytes and headers. */
async function exportFile(token: string, body: unknown): Promise<{ status: number; bytes: Buffer; headers: Headers; text: string }> {
  const res = await fetch(`${server.url}/api/v1/exports`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) })
  const bytes = Buffer.from(await res.arrayBuffer())
  return { status: res.status, bytes, headers: res.headers, text: bytes.toString('utf8') }
}

/** The newest export entry of the system trail. */
async function lastExportEntry() {
  const res = await api('GET', '/api/v1/audit?trail=system&action=export&limit=1', { token: auditor.token })
  return res.json.entries[0]
}

function pdftotext(pdf: Buffer): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf }).toString('utf8')
}

beforeAll(async () => {
  server = await startServer()
  api = client(server.url)
  admin = await adminToken(api)
  op = await person(api, admin, 'olivia', ['operator'])
  rev = await person(api, admin, 'rita', ['reviewer'])
  qa = await person(api, admin, 'quinn', ['qa'])
  auditor = await person(api, admin, 'arthur', ['auditor'])
  expect((await api('POST', '/api/v1/signatures/statement', { token: rev.token })).status).toBe(204)
  const upload = await api('POST', '/api/v1/attachments', { token: op.token, raw: '%PDF-1.4 ISO 13485 certificate', headers: { 'content-type': 'application/pdf', 'content-disposition': 'attachment; filename="iso13485.pdf"' } })
  const data = { supplierCode: 'SUP-900', supplierName: '苏州洁康医用材料有限公司', scope: '医用脱脂纱布', supplierClass: 'A', qualificationStatus: 'pending', certificate: upload.json.sha256 }
  const created = await api('POST', `/api/v1/records/${TYPE}`, { token: op.token, body: { data } })
  expect(created.status, created.text).toBe(201)
  supplierId = created.json.id
  const approved = await api('PUT', `/api/v1/records/${TYPE}/${supplierId}`, { token: op.token, body: { data: { ...data, qualificationStatus: 'approved' }, baseVersion: 1, reason: { code: 'qualification_decision', text: '现场审核通过，审核报告 QA-AUD-2026-017' } } })
  expect(approved.status, approved.text).toBe(200)
  const signed = await api('POST', '/api/v1/signatures', { token: rev.token, body: { target: { type: TYPE, id: supplierId, version: 2 }, meaning: 'review', username: 'rita', password: rev.password } })
  expect(signed.status, signed.text).toBe(201)
  const unchanged = await api('POST', `/api/v1/records/${TYPE}`, { token: op.token, body: { data: { supplierCode: 'SUP-901', supplierName: 'Sterile Trays Ltd', scope: 'Trays', supplierClass: 'B', qualificationStatus: 'pending' } } })
  unchangedId = unchanged.json.id
})
afterAll(async () => server.close())

describe('export formats', () => {
  it('lists the first-party formats with labels and the published schema', async () => {
    const res = await api('GET', '/api/v1/export-formats', { token: qa.token })
    expect(res.status).toBe(200)
    expect(res.json.map((f: { format: string }) => f.format).sort()).toEqual(['csv', 'evidence', 'jsonl', 'pdf'])
    expect(res.json.find((f: { format: string }) => f.format === 'jsonl')).toMatchObject({ mediaType: 'application/x-ndjson', schemas: ['entry.v1.schema.json'], label: { 'zh-CN': expect.any(String) } })
    const schema = await api('GET', '/api/v1/schemas/entry.v1.schema.json', { token: op.token })
    expect(schema.headers.get('content-type')).toMatch(/^application\/schema\+json/)
    expect(schema.json.$id).toMatch(/entry\.v1\.schema\.json$/)
    expect((await api('GET', '/api/v1/schemas/nothing.schema.json', { token: op.token })).status).toBe(404)
  })
})

describe('PDF', () => {
  it('prints a record-scoped true copy a QA person reads without a manual (zh-CN)', async () => {
    const res = await exportFile(qa.token, { format: 'pdf', filter: { recordType: TYPE, recordId: supplierId }, locale: 'zh-CN' })
    expect(res.status, res.text.slice(0, 300)).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/pdf')
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="veritrail-vt-[0-9a-f]+-meddev\.supplierQualification-.+\.pdf"$/)
    const text = pdftotext(res.bytes)
    // Who (printed name and role), what (type, id, version, field label, old → new), why, signatures.
    expect(text).toContain('Olivia Tester (olivia), 操作员')
    expect(text).toContain('供应商资格评定')
    expect(text).toContain(supplierId)
    expect(text).toContain('资格状态: 待评定 → 合格')
    expect(text).toContain('现场审核通过，审核报告 QA-AUD-2026-017')
    expect(text).toContain('审核后的资格评定结论')
    expect(text).toMatch(/审核 — Rita Tester \(rita\), 审核员/)
    // R-EX-05: print time, who printed, page x of y; R-EX-06: modified after original entry.
    expect(text).toMatch(/打印人 Quinn Tester（quinn，质量保证）/)
    expect(text).toMatch(/第 1 页，共 \d+ 页/)
    expect(text).toContain('首次录入后曾修改：是')
    expect(text).toMatch(/当前版本: 2/)
    expect(text).toMatch(/\(Asia\/Shanghai, UTC\+08:00\) · \d{4}-\d\d-\d\dT/)
    expect(text).toMatch(/截取自已签名的检查点: 数据审计追踪 \d+ 条，根哈希/)
    // Labels, not codes.
    expect(text).not.toContain('qualification_decision')
    expect(text).not.toMatch(/\bapproved\b/)
    const entry = await lastExportEntry()
    expect(entry).toMatchObject({ actor: { username: 'quinn', role: 'qa' }, details: { format: 'pdf', filter: { recordType: TYPE, recordId: supplierId }, outcome: 'completed', sha256: createHash('sha256').update(res.bytes).digest('hex'), bytes: res.bytes.length } })
  })

  it('flags a changed record and not an unchanged one (R-EX-06), in English too', async () => {
    const unchanged = pdftotext((await exportFile(auditor.token, { format: 'pdf', filter: { recordType: TYPE, recordId: unchangedId }, locale: 'en' })).bytes)
    expect(unchanged).toContain('Modified after original entry: no')
    expect(unchanged).toContain('Record report (true copy with audit trail)')
    const changed = pdftotext((await exportFile(auditor.token, { format: 'pdf', filter: { recordType: TYPE, recordId: supplierId }, locale: 'en' })).bytes)
    expect(changed).toMatch(/MODIFIED AFTER ORIGINAL ENTRY: yes — 1 later version\(s\), recorded in the audit trail below at entries #\d+/)
    expect(changed).toContain('Qualification status: Pending → Approved')
    expect(changed).toMatch(/Reviewed — Rita Tester \(rita\), Reviewer/)
  })
})

describe('CSV and JSON Lines', () => {
  it('CSV: RFC 4180 UTF-8 with BOM, one row per entry, read by Python’s csv module', async () => {
    const res = await exportFile(auditor.token, { format: 'csv', filter: { trail: 'data' }, locale: 'en' })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    const size = Number(/data=(\d+)/.exec(res.headers.get('x-veritrail-checkpoints') ?? '')![1])
    const rows = JSON.parse(execFileSync('python3', ['-c', "import csv, io, json, sys; print(json.dumps(list(csv.reader(io.TextIOWrapper(sys.stdin.buffer, encoding='utf-8-sig', newline='')))))"], { input: res.bytes }).toString())
    expect(rows.length - 1).toBe(size)
    const header = rows[0] as string[]
    const row = rows.find((r: string[]) => r.includes('Modified'))
    const at = (name: string) => row[header.indexOf(name)]
    expect(at('Name')).toBe('Olivia Tester')
    expect(at('Role')).toBe('Operator')
    expect(at('Changes (field: old → new)')).toBe('Qualification status: Pending → Approved')
    expect(at('Reason')).toBe('Qualification decision after audit')
    expect(at('Reason text')).toBe('现场审核通过，审核报告 QA-AUD-2026-017')
    expect(at('Modified after original entry')).toBe('yes')
    expect(rows.some((r: string[]) => r[header.indexOf('Electronic signature')]?.startsWith('Reviewed: Rita Tester (rita, Reviewer)'))).toBe(true)
    // Every member of every entry is there: the stored entry itself is the last column.
    const stored = (await storedEntries(server.core)).filter((e) => e.trail === 'data' && e.seq <= size)
    expect(rows.slice(1).map((r: string[]) => r.at(-1))).toEqual(stored.map((e) => e.bytes))
    expect((await lastExportEntry()).details).toMatchObject({ format: 'csv', filter: { trail: 'data' }, sha256: createHash('sha256').update(res.bytes).digest('hex') })
  })

  it('JSON Lines: the stored bytes plus leafHash, valid against the served schema', async () => {
    const res = await exportFile(qa.token, { format: 'jsonl', filter: {} })
    const lines = res.text.trimEnd().split('\n')
    const schema = (await api('GET', '/api/v1/schemas/entry.v1.schema.json', { token: qa.token })).json
    const ajv = new Ajv2020({ allErrors: true })
    addFormats.default(ajv)
    const validate = ajv.compile(schema)
    for (const line of lines) expect(validate(JSON.parse(line)), `${line}\n${JSON.stringify(validate.errors)}`).toBe(true)
    const stored = new Map((await storedEntries(server.core)).map((e) => [`${e.trail}/${e.seq}`, e]))
    for (const line of lines) {
      const { trail, seq, leafHash } = JSON.parse(line)
      const e = stored.get(`${trail}/${seq}`)!
      expect(line).toBe(`${e.bytes.slice(0, -1)},"leafHash":"${Buffer.from(e.leafHash, 'hex').toString('base64')}"}`)
      expect(leafHash).toBe(createHash('sha256').update(Buffer.of(0)).update(e.bytes).digest('base64'))
    }
    expect((await lastExportEntry()).details).toMatchObject({ format: 'jsonl', outcome: 'completed', entries: lines.length, sha256: createHash('sha256').update(res.bytes).digest('hex') })
  })
})

describe('evidence package', () => {
  it('downloads a zip that Python reads and verify-package accepts; one changed byte fails it', async () => {
    const res = await exportFile(qa.token, { format: 'evidence', filter: { recordType: TYPE, recordId: supplierId } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/zip')
    const file = join(server.dir, 'package.zip')
    writeFileSync(file, res.bytes)
    expect(execFileSync('python3', ['-c', 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print(z.testzip(), len(z.namelist()))', file]).toString()).toMatch(/^None \d+/)
    const key = (await api('GET', '/api/v1/audit/public-key', { token: qa.token })).json.key
    const verdict = await verifyEvidencePackage(file, { key })
    expect(verdict.problems).toEqual([])
    expect(verdict.checked).toMatchObject({ entries: 3, records: 2, signatures: 1, attachments: 1 })
    const flipped = Buffer.from(res.bytes)
    const at = flipped.indexOf('manifest.txt') + 200
    flipped[at] = flipped[at]! ^ 0x01
    writeFileSync(file, flipped)
    const broken = await verifyEvidencePackage(file, { key }).catch((e: Error) => ({ ok: false, problems: [e.message] }))
    expect(broken.ok).toBe(false)
    expect((await lastExportEntry()).details).toMatchObject({ format: 'evidence', sha256: createHash('sha256').update(res.bytes).digest('hex') })
  })
})

describe('who may export', () => {
  it('refuses operators; a system administrator exports the system trail only', async () => {
    const denied = await exportFile(op.token, { format: 'csv' })
    expect(denied.status).toBe(403)
    const sysData = await exportFile(admin, { format: 'jsonl', filter: { trail: 'data' } })
    expect(sysData.status).toBe(403)
    expect(JSON.parse(sysData.text).code).toBe('forbidden')
    const refusal = await api('GET', '/api/v1/audit?trail=system&action=access_denied&limit=1', { token: auditor.token })
    expect(refusal.json.entries[0]).toMatchObject({ actor: { username: 'admin', role: 'sysadmin' }, details: { path: '/api/v1/exports' } })
    const sys = await exportFile(admin, { format: 'jsonl' })
    expect(sys.status).toBe(200)
    const trails = new Set(sys.text.trimEnd().split('\n').map((l) => JSON.parse(l).trail))
    expect([...trails]).toEqual(['system'])
    expect((await lastExportEntry()).details.filter).toEqual({ trail: 'system' })
  })

  it('answers a bad request with a problem document and writes no export entry', async () => {
    const before = (await lastExportEntry()).seq
    const bad = await exportFile(qa.token, { format: 'pdf', filter: { from: 'yesterday' } })
    expect(bad.status).toBe(400)
    expect(JSON.parse(bad.text)).toMatchObject({ code: 'validation_failed', errors: [{ path: 'filter.from' }] })
    expect((await exportFile(qa.token, { format: 'docx' })).status).toBe(400)
    expect((await lastExportEntry()).seq).toBe(before)
  })

  it('keeps the server responsive while an export runs in a worker', async () => {
    const started = performance.now()
    const pending = exportFile(qa.token, { format: 'pdf', filter: {}, locale: 'en' })
    const health = await api('GET', '/api/v1/health')
    expect(health.status).toBe(200)
    expect(performance.now() - started).toBeLessThan(5000)
    expect((await pending).status).toBe(200)
  })
})
