import { cpSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createClient, type Client } from '@libsql/client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyDataDir } from '../src/verify-data.js'
import { APPEND_ONLY_TABLES } from '../src/store/schema.js'
import { operator, sterilisation, tempDir, testCore } from './fixtures.js'

/**
 * A hostile database administrator edits the libSQL file with plain SQL (after dropping the
 * append-only triggers); `verify` must fail and name the first bad sequence number.
 */
const base = tempDir('veritrail-tamper-')
let checkpointFile: string
let dataSize = 0

beforeAll(async () => {
  const core = await testCore(join(base.dir, 'original'))
  const ctx = operator()
  for (let i = 0; i < 12; i++) {
    const { id } = await core.records.create(sterilisation.id, { batch: `B-${i}`, minutes: '15.0' }, ctx)
    await core.records.update(sterilisation.id, id, { data: { batch: `B-${i}`, minutes: '14.0' }, baseVersion: 1, reason: { code: 'typo' } }, ctx)
  }
  await core.ledger.persistCheckpoints()
  checkpointFile = join(base.dir, 'kept-elsewhere.txt')
  const heads = await Promise.all([core.ledger.signedHead('data'), core.ledger.signedHead('system')])
  writeFileSync(checkpointFile, heads.map((h) => h.note).join('\n'))
  dataSize = heads[0].size
  await core.close()
})
afterAll(() => base.cleanup())

let copies = 0
/** A copy of the original data directory with the triggers dropped, and a raw SQL client on it. */
async function tampered(sql: (db: Client) => Promise<void>): Promise<string> {
  const dir = join(base.dir, `copy-${++copies}`)
  cpSync(join(base.dir, 'original'), dir, { recursive: true })
  const db = createClient({ url: `file:${join(dir, 'veritrail.db')}` })
  for (const t of APPEND_ONLY_TABLES) {
    await db.execute(`DROP TRIGGER IF EXISTS ${t}_no_update`)
    await db.execute(`DROP TRIGGER IF EXISTS ${t}_no_delete`)
  }
  await sql(db)
  db.close()
  return dir
}

describe('verify catches tampering', () => {
  it('passes on the untouched database, with sizes and roots', async () => {
    const report = await verifyDataDir({ dataDir: join(base.dir, 'original'), checkpointFile, deep: true })
    expect(report.ok).toBe(true)
    expect(report.trails.data).toMatchObject({ size: dataSize, unanchored: 0, problems: [] })
    expect(report.trails.data.firstBadSeq).toBeUndefined()
    expect(report.trails.system.size).toBeGreaterThan(0)
  })

  it('the triggers refuse UPDATE and DELETE on every evidence table', async () => {
    const db = createClient({ url: `file:${join(base.dir, 'original', 'veritrail.db')}` })
    try {
      await expect(db.execute("UPDATE entries SET bytes = 'x' WHERE seq = 1")).rejects.toThrow(/append-only/)
      await expect(db.execute('DELETE FROM entries WHERE seq = 1')).rejects.toThrow(/append-only/)
      await expect(db.execute('DELETE FROM record_versions')).rejects.toThrow(/append-only/)
      await expect(db.execute('UPDATE checkpoints SET size = 1')).rejects.toThrow(/append-only/)
      await expect(db.execute('DELETE FROM tree_nodes')).rejects.toThrow(/append-only/)
      await expect(db.execute("DELETE FROM entry_search WHERE rowid = 1")).rejects.toThrow()
    } finally {
      db.close()
    }
  })

  it('an edited entry', async () => {
    const dir = await tampered((db) =>
      db.execute(`UPDATE entries SET bytes = replace(bytes, '"14.0"', '"16.0"') WHERE trail = 'data' AND seq = 8`).then(() => {}),
    )
    const report = await verifyDataDir({ dataDir: dir })
    expect(report.ok).toBe(false)
    expect(report.trails.data.firstBadSeq).toBe(8)
    expect(report.trails.data.problem).toMatch(/altered/)
    expect(report.trails.system.firstBadSeq).toBeUndefined()
  })

  it('a deleted entry', async () => {
    const dir = await tampered((db) => db.execute(`DELETE FROM entries WHERE trail = 'data' AND seq = 5`).then(() => {}))
    const report = await verifyDataDir({ dataDir: dir })
    expect(report.trails.data.firstBadSeq).toBe(5)
    expect(report.trails.data.problem).toMatch(/missing/)
  })

  it('an inserted entry (a copy of another row under the same number)', async () => {
    const dir = await tampered(async (db) => {
      await db.execute('DROP INDEX entries_trail_seq')
      await db.execute(`INSERT INTO entries (trail, seq, bytes, leaf_hash, ts, action, actor_id, record_type, record_id, correlation_id)
        SELECT trail, 6, bytes, leaf_hash, ts, action, actor_id, record_type, record_id, correlation_id FROM entries WHERE trail = 'data' AND seq = 3`)
    })
    const report = await verifyDataDir({ dataDir: dir })
    expect(report.trails.data.firstBadSeq).toBe(6)
  })

  it('an entry appended under a far-off number, and one under zero', async () => {
    const dir = await tampered(async (db) => {
      for (const seq of [1_000_000_000, 0]) {
        await db.execute(`INSERT INTO entries (trail, seq, bytes, leaf_hash, ts, action, actor_id, record_type, record_id, correlation_id)
          SELECT trail, ${seq}, bytes, leaf_hash, ts, action, actor_id, record_type, record_id, correlation_id FROM entries WHERE trail = 'data' AND seq = 2`)
      }
    })
    const report = await verifyDataDir({ dataDir: dir })
    // Seq 0 comes first and is out of order; the far-off row is a gap after the last real one.
    expect(report.trails.data.firstBadSeq).toBe(0)
    expect(report.trails.data.size).toBe(1_000_000_000)
  })

  it('reordered entries', async () => {
    const dir = await tampered(async (db) => {
      await db.execute('DROP INDEX entries_trail_seq')
      await db.execute(`UPDATE entries SET seq = CASE seq WHEN 10 THEN 11 ELSE 10 END WHERE trail = 'data' AND seq IN (10, 11)`)
    })
    const report = await verifyDataDir({ dataDir: dir })
    expect(report.trails.data.firstBadSeq).toBe(10)
    expect(report.trails.data.problem).toMatch(/out of place/)
  })

  it('a truncated tail', async () => {
    const dir = await tampered((db) => db.execute(`DELETE FROM entries WHERE trail = 'data' AND seq > ${dataSize - 3}`).then(() => {}))
    const report = await verifyDataDir({ dataDir: dir })
    expect(report.trails.data.firstBadSeq).toBe(dataSize - 2)
    expect(report.trails.data.problem).toMatch(/tail was removed/)
  })

  it('a truncated tail with its stored checkpoints removed is caught by a checkpoint kept elsewhere', async () => {
    const dir = await tampered(async (db) => {
      await db.execute(`DELETE FROM entries WHERE trail = 'data' AND seq > ${dataSize - 3}`)
      await db.execute(`DELETE FROM checkpoints WHERE trail = 'data'`)
    })
    expect((await verifyDataDir({ dataDir: dir })).trails.data.firstBadSeq).toBeUndefined()
    const report = await verifyDataDir({ dataDir: dir, checkpointFile })
    expect(report.ok).toBe(false)
    expect(report.trails.data.firstBadSeq).toBe(dataSize - 2)
  })

  it('an entry rewritten together with its leaf hash fails against the signed checkpoint', async () => {
    const { hashLeaf } = await import('../src/ledger/merkle.js')
    const dir = await tampered(async (db) => {
      const rs = await db.execute(`SELECT bytes FROM entries WHERE trail = 'data' AND seq = 10`)
      const original = String(rs.rows[0]![0])
      const bytes = original.replace('"14.0"', '"16.0"')
      expect(bytes).not.toBe(original)
      await db.execute({ sql: `UPDATE entries SET bytes = ?, leaf_hash = ? WHERE trail = 'data' AND seq = 10`, args: [bytes, hashLeaf(Buffer.from(bytes))] })
    })
    const report = await verifyDataDir({ dataDir: dir })
    expect(report.ok).toBe(false)
    // Only signed checkpoints are out of a forger's reach: the fault is placed in the first
    // checkpoint interval whose root no longer matches.
    expect(report.trails.data.firstBadSeq).toBeLessThanOrEqual(10)
    expect(report.trails.data.problem).toMatch(/rewritten together/)
  })

  it('a forged stored checkpoint is reported', async () => {
    const dir = await tampered((db) => db.execute(`UPDATE checkpoints SET note = replace(note, '\n${dataSize}\n', '\n${dataSize + 5}\n') WHERE trail = 'data'`).then(() => {}))
    const report = await verifyDataDir({ dataDir: dir })
    expect(report.ok).toBe(false)
    expect(report.trails.data.problems.join(' ')).toMatch(/not validly signed/)
  })

  it('--deep catches an index column or a record version that disagrees with the entries', async () => {
    const column = await tampered((db) => db.execute(`UPDATE entries SET actor_id = 'u-mallory' WHERE trail = 'data' AND seq = 4`).then(() => {}))
    expect((await verifyDataDir({ dataDir: column })).ok).toBe(true)
    const deep = await verifyDataDir({ dataDir: column, deep: true })
    expect(deep.trails.data.firstBadSeq).toBe(4)
    expect(deep.trails.data.problem).toMatch(/actor_id/)

    const version = await tampered((db) => db.execute(`UPDATE record_versions SET data = replace(data, '14.0', '18.0') WHERE seq = 6`).then(() => {}))
    const report = await verifyDataDir({ dataDir: version, deep: true })
    expect(report.trails.data.firstBadSeq).toBe(6)
    expect(report.trails.data.problem).toMatch(/not the content/)

    const gone = await tampered((db) => db.execute(`DELETE FROM record_versions WHERE seq = 7`).then(() => {}))
    expect((await verifyDataDir({ dataDir: gone, deep: true })).trails.data.firstBadSeq).toBe(7)
  })

  it('a database rewritten and re-signed by someone holding the key fails only against the kept checkpoint', async () => {
    const dir = await tampered(async (db) => {
      for (const t of ['entries', 'tree_nodes', 'checkpoints', 'record_versions']) await db.execute(`DELETE FROM ${t}`)
      await db.execute('DROP TABLE entry_search')
      await db.execute("CREATE VIRTUAL TABLE entry_search USING fts5(body, content='', tokenize='trigram')")
      await db.execute('DROP TABLE entry_bigrams')
      await db.execute("CREATE VIRTUAL TABLE entry_bigrams USING fts5(body, content='', tokenize='unicode61')")
    })
    const forger = await testCore(dir)
    const ctx = operator('mallory')
    for (let i = 0; i < 30; i++) await forger.records.create(sterilisation.id, { batch: `F-${i}`, minutes: '15.0' }, ctx)
    await forger.close()
    const alone = await verifyDataDir({ dataDir: dir })
    expect(alone.ok).toBe(true)
    const report = await verifyDataDir({ dataDir: dir, checkpointFile })
    expect(report.ok).toBe(false)
    expect(report.trails.data.firstBadSeq).toBe(1)
    expect(report.trails.data.problem).toMatch(/external/)
  })
})
