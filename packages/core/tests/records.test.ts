import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { isVeritrailError } from '../src/errors.js'
import { operator, sterilisation, tempDir, testCore } from './fixtures.js'
import type { Core } from '../src/core.js'
import type { Entry } from '../src/ledger/entry.js'

let dir: ReturnType<typeof tempDir>
let core: Core

beforeEach(async () => {
  dir = tempDir()
  core = await testCore(dir.dir)
})
afterEach(async () => {
  await core.close()
  dir.cleanup()
})

async function entriesOf(recordId: string): Promise<Entry[]> {
  const rs = await core.store.connections.reader.execute({
    sql: "SELECT bytes FROM entries WHERE trail = 'data' AND record_id = ? ORDER BY seq",
    args: [recordId],
  })
  return rs.rows.map((r) => JSON.parse(String(r[0])) as Entry)
}

async function rejection(p: Promise<unknown>) {
  try {
    await p
  } catch (error) {
    if (isVeritrailError(error)) return error
    throw error
  }
  throw new Error('expected a rejection')
}

describe('versioned records', () => {
  it('writes version 1 and one create entry with every field', async () => {
    const created = await core.records.create(sterilisation.id, { batch: 'B-001', minutes: '15.0' }, operator())
    expect(created).toEqual({ id: expect.any(String), version: 1, seq: 1 })
    const [entry] = await entriesOf(created.id)
    expect(entry).toMatchObject({
      v: 1,
      seq: 1,
      trail: 'data',
      tz: 'Europe/Berlin',
      action: 'create',
      actor: { id: 'u-alice', username: 'alice', displayName: 'Alice Example', role: 'operator', type: 'person' },
      target: { type: 'test.sterilisation', typeVersion: '1.0.0', id: created.id, version: 1 },
      changes: [
        { field: 'batch', label: 'Batch', new: 'B-001' },
        { field: 'minutes', label: 'Sterilisation time', new: '15.0' },
      ],
      client: { ip: '127.0.0.1', userAgent: 'vitest' },
      session: 's-1',
    })
    expect(entry!.ts).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
    expect(entry!.target!.recordHash).toMatch(/^[0-9a-f]{64}$/)
  })

  it('records old and new values, and keeps every version (R-AT-05, R-AP-05)', async () => {
    const ctx = operator()
    const { id } = await core.records.create(sterilisation.id, { batch: 'B-002', minutes: '15.0' }, ctx)
    await core.records.update(sterilisation.id, id, { data: { batch: 'B-002', minutes: '12.5' }, baseVersion: 1, reason: { code: 'typo' } }, ctx)
    await core.records.update(sterilisation.id, id, { data: { batch: 'B-002', minutes: '12.5', operatorNote: '复核' }, baseVersion: 2 }, ctx)
    const versions = await core.records.versions(sterilisation.id, id)
    expect(versions.map((v) => [v.version, v.data])).toEqual([
      [1, { batch: 'B-002', minutes: '15.0' }],
      [2, { batch: 'B-002', minutes: '12.5' }],
      [3, { batch: 'B-002', minutes: '12.5', operatorNote: '复核' }],
    ])
    const entries = await entriesOf(id)
    expect(entries[1]).toMatchObject({
      action: 'update',
      target: { version: 2 },
      changes: [{ field: 'minutes', label: 'Sterilisation time', old: '15.0', new: '12.5' }],
      reason: { code: 'typo', label: 'Typing error' },
    })
    expect(entries[2]!.changes).toEqual([{ field: 'operatorNote', label: 'Operator note', new: '复核' }])
    expect(entries[2]!.reason).toBeUndefined()
  })

  it('refuses a critical change without a reason, before anything is written', async () => {
    const ctx = operator()
    const { id } = await core.records.create(sterilisation.id, { batch: 'B-003', minutes: '15.0' }, ctx)
    const sizeBefore = await core.store.read.trailSize('data')
    for (const reason of [undefined, { text: '   ' }, { code: '' }]) {
      const error = await rejection(
        core.records.update(sterilisation.id, id, { data: { batch: 'B-003', minutes: '9.0' }, baseVersion: 1, ...(reason ? { reason } : {}) }, ctx),
      )
      expect(error.code).toBe('reason_required')
      expect(error.message).toContain('“Sterilisation time”')
    }
    const other = await rejection(
      core.records.update(sterilisation.id, id, { data: { batch: 'B-003', minutes: '9.0' }, baseVersion: 1, reason: { code: 'other' } }, ctx),
    )
    expect(other.code).toBe('reason_required')
    expect((await rejection(core.records.update(sterilisation.id, id, { data: { batch: 'B-003', minutes: '9.0' }, baseVersion: 1, reason: { code: 'nope' } }, ctx))).code).toBe('validation_failed')
    expect(await core.store.read.trailSize('data')).toBe(sizeBefore)
    expect((await core.records.get(sterilisation.id, id)).version).toBe(1)
  })

  it('answers 409 version_conflict on a stale baseVersion', async () => {
    const ctx = operator()
    const { id } = await core.records.create(sterilisation.id, { batch: 'B-004', minutes: '15.0' }, ctx)
    await core.records.update(sterilisation.id, id, { data: { batch: 'B-004', minutes: '15.0', operatorNote: 'a' }, baseVersion: 1 }, ctx)
    const error = await rejection(
      core.records.update(sterilisation.id, id, { data: { batch: 'B-004', minutes: '15.0', operatorNote: 'b' }, baseVersion: 1 }, ctx),
    )
    expect(error.code).toBe('version_conflict')
    expect(error.details).toEqual({ currentVersion: 2 })
  })

  it('treats -0 as 0 (no change) and 5.10 vs 5.1 as a change', async () => {
    const ctx = operator()
    const { id } = await core.records.create(sterilisation.id, { batch: 'B-005', minutes: '5.1', readings: [0, 1.5] }, ctx)
    const same = await core.records.update(sterilisation.id, id, { data: { batch: 'B-005', minutes: '5.1', readings: [-0, 1.5] }, baseVersion: 1 }, ctx)
    expect(same).toMatchObject({ version: 1, unchanged: true })
    const changed = await core.records.update(sterilisation.id, id, { data: { batch: 'B-005', minutes: '5.10', readings: [0, 1.5] }, baseVersion: 1, reason: { code: 'typo' } }, ctx)
    expect(changed.version).toBe(2)
  })

  it('refuses unsafe integers, non-finite numbers, lone surrogates and unknown fields with paths', async () => {
    const ctx = operator()
    const cases: [unknown, string][] = [
      [{ batch: 'B', minutes: '1', readings: [2 ** 53] }, 'data.readings[0]'],
      [{ batch: 'B', minutes: '1', readings: [Infinity] }, 'data.readings[0]'],
      [{ batch: 'B\ud800', minutes: '1' }, 'data.batch'],
      [{ batch: 'B', minutes: '1', extra: 1 }, 'data.extra'],
      [{ batch: 'B', minutes: '1.' }, 'data.minutes'],
    ]
    for (const [data, path] of cases) {
      const error = await rejection(core.records.create(sterilisation.id, data, ctx))
      expect(error.code).toBe('validation_failed')
      expect(error.errors!.map((e) => e.path)).toContain(path)
    }
    expect(await core.store.read.trailSize('data')).toBe(0)
  })

  it('deletes as a tombstone whose entry carries the full last content', async () => {
    const ctx = operator()
    const { id } = await core.records.create(sterilisation.id, { batch: 'B-006', minutes: '15.0', operatorNote: 'x' }, ctx)
    expect((await rejection(core.records.delete(sterilisation.id, id, {}, ctx))).code).toBe('reason_required')
    await core.records.delete(sterilisation.id, id, { reason: { text: 'Entered in the wrong batch' } }, ctx)
    const last = await core.records.get(sterilisation.id, id)
    expect(last).toMatchObject({ version: 2, deleted: true, data: null })
    const entries = await entriesOf(id)
    expect(entries[1]).toMatchObject({ action: 'delete', snapshot: { batch: 'B-006', minutes: '15.0', operatorNote: 'x' }, reason: { text: 'Entered in the wrong batch' } })
    expect((await rejection(core.records.update(sterilisation.id, id, { data: { batch: 'B-006', minutes: '1' }, baseVersion: 2 }, ctx))).code).toBe('conflict')
    const reviewer = { ...operator('rita'), actor: { ...operator('rita').actor, role: 'reviewer' } }
    const other = await core.records.create(sterilisation.id, { batch: 'B-007', minutes: '15.0' }, ctx)
    expect((await rejection(core.records.delete(sterilisation.id, other.id, { reason: { text: 'x' } }, reviewer))).code).toBe('forbidden')
  })

  it('enforces unique fields among live records', async () => {
    const ctx = operator()
    await core.records.create(sterilisation.id, { batch: 'U-1', minutes: '1' }, ctx)
    expect((await rejection(core.records.create(sterilisation.id, { batch: 'U-1', minutes: '2' }, ctx))).code).toBe('conflict')
  })

  it('stores the record-type definition when first used, with a system entry naming its hash', async () => {
    await core.records.create(sterilisation.id, { batch: 'T-1', minutes: '1' }, operator())
    await core.records.create(sterilisation.id, { batch: 'T-2', minutes: '1' }, operator())
    const row = await core.store.read.recordType('test.sterilisation', '1.0.0')
    expect(JSON.parse(row!.definition)).toMatchObject({ id: 'test.sterilisation', fields: { minutes: { critical: 'CPP', unit: 'min' } }, jsonSchema: { type: 'object' } })
    const rs = await core.store.connections.reader.execute("SELECT bytes FROM entries WHERE action = 'record_type_register'")
    expect(rs.rows).toHaveLength(1)
    expect(JSON.parse(String(rs.rows[0]![0])).details).toEqual({ recordType: 'test.sterilisation', version: '1.0.0', sha256: row!.sha256 })
  })
})
