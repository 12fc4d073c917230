import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { randomUUID } from 'node:crypto'
import { openCheckpoint } from '../src/ledger/checkpoint.js'
import { parseVerifierKey } from '../src/ledger/note-keys.js'
import { inclusionProof, consistencyProof } from '../src/ledger/ranges.js'
import { verifyConsistency, verifyInclusion } from '../src/ledger/verify-proof.js'
import type { Entry, EntryDraft } from '../src/ledger/entry.js'
import { isVeritrailError } from '../src/errors.js'
import { operator, sterilisation, tempDir, testCore } from './fixtures.js'
import type { Core } from '../src/core.js'

let dir: ReturnType<typeof tempDir>
let core: Core | undefined
let clock = Date.parse('2026-11-22T08:00:00.000Z')

beforeEach(() => {
  dir = tempDir()
  clock = Date.parse('2026-11-22T08:00:00.000Z')
})
afterEach(async () => {
  await core?.close()
  core = undefined
  dir.cleanup()
})

function draft(n: number): EntryDraft {
  const ctx = operator()
  return { trail: 'system', actor: ctx.actor, action: 'login', correlationId: randomUUID(), client: ctx.client, details: { n } }
}

async function systemEntries(c: Core): Promise<Entry[]> {
  const rs = await c.store.connections.reader.execute("SELECT bytes FROM entries WHERE trail = 'system' ORDER BY seq")
  return rs.rows.map((r) => JSON.parse(String(r[0])) as Entry)
}

describe('ledger', () => {
  it('records start-up, and a site time-zone change between starts as config_change', async () => {
    core = await testCore(dir.dir, { timeZone: 'Europe/Berlin' })
    await core.close()
    core = await testCore(dir.dir, { timeZone: 'Asia/Shanghai' })
    const entries = await systemEntries(core)
    expect(entries.map((e) => e.action)).toEqual(['system_start', 'system_start', 'config_change'])
    expect(entries[0]!.details).toMatchObject({ firstStart: true, timeZone: 'Europe/Berlin' })
    expect(entries[2]).toMatchObject({
      tz: 'Asia/Shanghai',
      changes: [{ field: 'site.timeZone', label: 'Site time zone', old: 'Europe/Berlin', new: 'Asia/Shanghai' }],
    })
  })

  it('writes a clock_change entry when the clock moves backwards, and orders by seq', async () => {
    core = await testCore(dir.dir, { now: () => clock })
    await core.ledger.append([draft(1)])
    clock -= 90_000
    await core.ledger.append([draft(2)])
    await core.ledger.append([draft(3)])
    const entries = await systemEntries(core)
    expect(entries.map((e) => [e.seq, e.action])).toEqual([[1, 'system_start'], [2, 'login'], [3, 'clock_change'], [4, 'login'], [5, 'login']])
    expect(entries[2]!.details).toEqual({ previousEntryTs: '2026-11-22T08:00:00.000Z', serverTs: '2026-11-22T07:58:30.000Z', backwardsMs: 90_000 })
    expect(entries[3]!.ts).toBe('2026-11-22T07:58:30.000Z')
  })

  it('gives 64 concurrent appends consecutive seqs, each answered after its commit', async () => {
    core = await testCore(dir.dir)
    const results = await Promise.all(Array.from({ length: 64 }, (_, i) => core!.ledger.append([draft(i)])))
    const seqs = results.map((r) => r[0]!.seq).sort((a, b) => a - b)
    expect(seqs).toEqual(Array.from({ length: 64 }, (_, i) => i + 2))
    expect(await core.store.read.trailSize('system')).toBe(65)
  })

  it('a refused job in a commit group rolls back alone', async () => {
    core = await testCore(dir.dir)
    const c = core
    const outcomes = await Promise.allSettled([
      c.ledger.append([draft(1)]),
      c.ledger.append([{ ...draft(2), details: { bad: Number.NaN } }]),
      c.records.create(sterilisation.id, { batch: 'G-1', minutes: '1' }, operator()),
      c.records.create(sterilisation.id, { batch: 'G-1', minutes: '2' }, operator()),
      c.ledger.append([draft(3)]),
    ])
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled'])
    const refused = (outcomes[1] as PromiseRejectedResult).reason
    expect(isVeritrailError(refused) && refused.code).toBe('validation_failed')
    const entries = await systemEntries(c)
    expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1))
    expect(await c.store.read.trailSize('data')).toBe(1)
    const report = await (await import('../src/verify-data.js')).verifyDataDir({ dataDir: dir.dir, deep: true })
    expect(report.ok).toBe(true)
  })

  it('signs checkpoints verifiable with the published key, and serves valid proofs', async () => {
    core = await testCore(dir.dir)
    for (let i = 0; i < 21; i++) await core.ledger.append([draft(i)])
    const head = await core.ledger.signedHead('system')
    const cp = openCheckpoint(head.note, parseVerifierKey(core.verifierKey), { origin: `${core.installId}/system` })
    expect(cp.size).toBe(22)
    const reads = core.store.read
    const read = (ids: { level: number; index: number }[]) => reads.nodes('system', ids)
    for (const seq of [1, 7, 22]) {
      const [leaf] = await reads.nodes('system', [{ level: 0, index: seq - 1 }])
      verifyInclusion(seq - 1, 22, leaf!, await inclusionProof(seq - 1, 22, read), cp.rootHash)
    }
    const stored = await core.ledger.persistCheckpoints()
    expect(stored.map((r) => [r.trail, r.size])).toEqual([['system', 22]])
    for (let i = 0; i < 5; i++) await core.ledger.append([draft(i)])
    const later = await core.ledger.signedHead('system')
    verifyConsistency(22, 27, cp.rootHash, later.rootHash, await consistencyProof(22, 27, read))
  })

  it('persists checkpoints about once a second while a trail grows', async () => {
    core = await testCore(dir.dir)
    await core.ledger.append([draft(1)])
    await new Promise((r) => setTimeout(r, 1500))
    const rs = await core.store.connections.reader.execute("SELECT size FROM checkpoints WHERE trail = 'system'")
    expect(rs.rows.map((r) => Number(r[0]))).toEqual([2])
  })
})
