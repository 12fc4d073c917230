import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Core } from '../src/core.js'
import type { Entry } from '../src/ledger/entry.js'
import { cjkBigrams } from '../src/ledger/search-text.js'
import { searchEntries } from '../src/store/queries/audit.js'
import type { ReadExecutor } from '../src/store/types.js'
import { operator, sterilisation, tempDir, testCore } from './fixtures.js'

let dir: ReturnType<typeof tempDir>
let core: Core
const clock = { now: Date.parse('2026-03-01T08:00:00.000Z') }

beforeEach(async () => {
  clock.now = Date.parse('2026-03-01T08:00:00.000Z')
  dir = tempDir()
  core = await testCore(dir.dir, { locale: 'en', now: () => clock.now })
})
afterEach(async () => {
  await core.close()
  dir.cleanup()
})

const seqs = (r: { entries: { seq: number }[] }) => r.entries.map((e) => e.seq)

describe('audit search', () => {
  it('splits CJK runs into overlapping pairs and leaves other text out', () => {
    expect(cjkBigrams('批次放行 batch 灭菌\n审')).toBe('批次 次放 放行 灭菌')
    expect(cjkBigrams('no Chinese here')).toBe('')
  })

  it('finds two-character Chinese words in labels that only the other language carries', async () => {
    await core.records.create(sterilisation.id, { batch: 'B-1', minutes: '15.0' }, operator())
    await core.records.create(sterilisation.id, { batch: 'B-2', minutes: '12.0', operatorNote: '温度偏低' }, operator())
    // The entries are written in English: 灭菌 and 温度 are in the Chinese labels and a value.
    expect(seqs(await core.audit.search({ trail: 'data', q: '灭菌', order: 'asc' }))).toEqual([1, 2])
    expect(seqs(await core.audit.search({ trail: 'data', q: '温度' }))).toEqual([2])
    expect(seqs(await core.audit.search({ trail: 'data', q: '偏高' }))).toEqual([])
    // a single character and two Latin letters still search (the stored bytes)
    expect(seqs(await core.audit.search({ trail: 'data', q: 'B-' }))).toEqual([2, 1])
  })

  it('answers a period exactly, in both orders, with and without a trail and across pages', async () => {
    for (let day = 1; day <= 6; day++) {
      clock.now = Date.parse(`2026-03-0${day}T10:00:00.000Z`)
      await core.records.create(sterilisation.id, { batch: `D-${day}`, minutes: '15.0' }, operator())
    }
    const period = { from: '2026-03-02T00:00:00Z', to: '2026-03-05T00:00:00Z' }
    expect(seqs(await core.audit.search({ trail: 'data', ...period, order: 'asc' }))).toEqual([2, 3, 4])
    const first = await core.audit.search({ trail: 'data', ...period, limit: '2' })
    expect(seqs(first)).toEqual([4, 3])
    expect(seqs(await core.audit.search({ trail: 'data', ...period, limit: '2', cursor: first.nextCursor! }))).toEqual([2])
    const both = (await core.audit.search({ ...period, order: 'asc' })).entries.map((e) => ({ ...e, ...(JSON.parse(e.json) as Entry) }))
    expect(both.every((e) => e.ts >= '2026-03-02' && e.ts < '2026-03-05')).toBe(true)
    expect(both.filter((e) => e.trail === 'data').map((e) => e.seq)).toEqual([2, 3, 4])
    expect(seqs(await core.audit.search({ trail: 'data', from: '2026-04-01T00:00:00Z' }))).toEqual([])
    expect(seqs(await core.audit.search({ trail: 'data', to: '2026-01-01T00:00:00Z' }))).toEqual([])
  })

  it('stays exact for a period after the server clock was set back', async () => {
    clock.now = Date.parse('2026-03-10T10:00:00.000Z')
    await core.records.create(sterilisation.id, { batch: 'late', minutes: '15.0' }, operator())
    clock.now = Date.parse('2026-03-03T10:00:00.000Z') // set back: recorded as clock_change
    await core.records.create(sterilisation.id, { batch: 'early', minutes: '15.0' }, operator())
    const found = await core.audit.search({ trail: 'data', from: '2026-03-02T00:00:00Z', to: '2026-03-12T00:00:00Z' })
    const batches = found.entries.map((e) => (JSON.parse(e.json) as Entry).changes?.find((c) => c.field === 'batch')?.new)
    // commit order, newest first: the entry stamped earlier came later
    expect(batches).toEqual(['early', 'late'])
  })

  it('seeks the one action of a period in each trail, not every entry with that action', async () => {
    for (let day = 1; day <= 6; day++) {
      clock.now = Date.parse(`2026-03-0${day}T10:00:00.000Z`)
      const { id } = await core.records.create(sterilisation.id, { batch: `S-${day}`, minutes: '15.0' }, operator())
      await core.records.update(sterilisation.id, id, { data: { batch: `S-${day}`, minutes: '16.0' }, baseVersion: 1, reason: { code: 'typo' } }, operator())
    }
    const period = { from: '2026-03-02T00:00:00Z', to: '2026-03-05T00:00:00Z' }
    const found = await core.audit.search({ action: 'update', ...period, order: 'asc' })
    expect(found.entries.map((e) => JSON.parse(e.json) as Entry).map((e) => [e.action, e.ts.slice(0, 10)])).toEqual([
      ['update', '2026-03-02'],
      ['update', '2026-03-03'],
      ['update', '2026-03-04'],
    ])
    // The plan of that query: both trails' parts of the (action, trail) index, bounded by the ids.
    const sql: { sql: string; args: unknown[] }[] = []
    const reads = core.store.read.sql
    const recording: ReadExecutor = { select: (q, args = []) => (sql.push({ sql: q, args }), reads.select(q, args)) }
    await searchEntries(recording, { actions: ['update'], fromTs: '2026-03-02T00:00:00.000Z', toTs: '2026-03-05T00:00:00.000Z', order: 'desc', limit: 50 })
    const last = sql.at(-1)!
    const plan = (await core.store.connections.reader.execute({ sql: `EXPLAIN QUERY PLAN ${last.sql}`, args: last.args as never[] })).rows.map((r) => String(r[3]))
    expect(plan.join('\n')).toMatch(/entries_action_id \(action=\? AND trail=\? AND rowid>\? AND rowid<\?\)/)
  })
})

