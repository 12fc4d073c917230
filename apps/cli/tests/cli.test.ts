import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createClient } from '@libsql/client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openCore, staticRegistry, SYSTEM_ACTOR } from '@veritrail/core'
import { meddevRecordTypes, supplierQualification } from '@veritrail/plugin-meddev-records'

const BIN = fileURLToPath(new URL('../bin/veritrail.mjs', import.meta.url))
const root = mkdtempSync(join(tmpdir(), 'veritrail-cli-'))
const data = join(root, 'data')

function veritrail(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, VERITRAIL_DATA: '' }, timeout: 120_000 })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

beforeAll(() => {
  const seeded = veritrail('demo', 'seed', '--entries', '60', '--data', data)
  expect(seeded.code, seeded.err).toBe(0)
  expect(seeded.out).toMatch(/Seeded \d+ data-trail entries/)
}, 120_000)
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('veritrail CLI', () => {
  it('verify exits 0 on an intact data directory and prints sizes, roots and the key fingerprint', () => {
    const r = veritrail('verify', '--data', data, '--deep')
    expect(r.code, r.err).toBe(0)
    expect(r.out).toMatch(/data trail: \d+ entries, root [A-Za-z0-9+/=]{44}/)
    expect(r.out).toMatch(/Keys: vt-[0-9a-f]+\+[0-9a-f]{8} \(SHA-256 [0-9a-f]{16}…\)/)
    expect(r.out).toContain('Result: INTACT')
  })

  it('checkpoint prints signed notes that verify --checkpoint accepts', () => {
    const cp = veritrail('checkpoint', '--data', data)
    expect(cp.code, cp.err).toBe(0)
    expect(cp.out).toMatch(/\/data\n\d+\n[A-Za-z0-9+/=]{44}\n\n\u2014 vt-/)
    const file = join(root, 'kept.txt')
    writeFileSync(file, cp.out)
    expect(veritrail('verify', '--data', data, '--checkpoint', file).code).toBe(0)
  })

  it('verify exits 1 naming the first bad sequence number when a row was edited, 2 when unreadable', async () => {
    const copy = join(root, 'tampered')
    spawnSync('cp', ['-r', data, copy])
    const db = createClient({ url: `file:${join(copy, 'veritrail.db')}` })
    await db.execute('DROP TRIGGER entries_no_update')
    await db.execute(`UPDATE entries SET bytes = replace(bytes, '"create"', '"update"') WHERE trail = 'data' AND seq = 3`)
    db.close()
    const r = veritrail('verify', '--data', copy)
    expect(r.code).toBe(1)
    expect(r.out).toMatch(/FIRST BAD SEQ 3: Entry 3 was altered/)
    expect(r.out).toContain('Result: DAMAGED')
    expect(veritrail('verify', '--data', join(root, 'nothing-here')).code).toBe(2)
    expect(veritrail('verify', '--data', data, '--key', 'not a key').code).toBe(2)
    expect(veritrail('verify', '--bogus').code).toBe(2)
  })

  it('demo seed refuses a data directory that holds real records', async () => {
    const real = join(root, 'real')
    const core = await openCore({ dataDir: real, registry: staticRegistry(meddevRecordTypes), timeZone: 'UTC' })
    const ctx = { actor: { ...SYSTEM_ACTOR, id: 'u-real', username: 'real.person', displayName: 'Real Person', role: 'operator', type: 'person' as const }, client: { ip: '', userAgent: 'test' }, correlationId: 'c' }
    await core.records.create(supplierQualification.id, { supplierCode: 'SUP-100', supplierName: 'Real', scope: 'x', supplierClass: 'A', qualificationStatus: 'pending' }, ctx)
    await core.close()
    const r = veritrail('demo', 'seed', '--entries', '5', '--data', real)
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/written by real people/)
  })
})
