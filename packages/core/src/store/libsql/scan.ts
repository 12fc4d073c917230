import type { Trail } from '../../ledger/entry.js'
import type { CheckpointRow, EntryColumns, LedgerScan, RecordVersionRow } from '../types.js'
import type { Executor } from './connection.js'
import { bytes, checkpointRow, recordVersionRow } from './reads.js'

/** The scans of `verify` over one connection. */
export function libsqlScan(db: Executor): LedgerScan {
  return {
    entries: (trail, columns = 'all') => scanEntries(db, trail, columns),
    checkpoints: (trail) => allCheckpoints(db, trail),
    recordVersionsBySeq: () => scanRecordVersions(db),
  }
}

const PAGE = 5000

/**
 * Every entry of a trail in (seq, id) order, in pages. Paging on (seq, id) rather than seq alone
 * means a duplicated seq (a tampered database without its unique index) is still seen.
 */
export async function* scanEntries(db: Executor, trail: Trail, columns: 'all' | 'hashed' = 'all'): AsyncGenerator<EntryColumns[]> {
  let seq = 0
  let id = 0
  const select = columns === 'all' ? 'id, seq, bytes, leaf_hash, trail, ts, action, actor_id, record_type, record_id, correlation_id' : 'id, seq, bytes, leaf_hash'
  for (;;) {
    const rs = await db.execute({
      sql: `SELECT ${select} FROM entries WHERE trail = ? AND (seq > ? OR (seq = ? AND id > ?)) ORDER BY seq, id LIMIT ${PAGE}`,
      args: [trail, seq, seq, id],
    })
    if (rs.rows.length === 0) return
    const page = columns === 'hashed' ? rs.rows.map((r) => ({ seq: Number(r[1]), bytes: String(r[2]), leafHash: bytes(r[3]) }) as EntryColumns) : rs.rows.map((r) => ({
      seq: Number(r[1]),
      bytes: String(r[2]),
      leafHash: bytes(r[3]),
      trail: String(r[4]),
      ts: String(r[5]),
      action: String(r[6]),
      actorId: String(r[7]),
      recordType: (r[8] as string | null) ?? null,
      recordId: (r[9] as string | null) ?? null,
      correlationId: String(r[10]),
    }))
    const last = rs.rows.at(-1)!
    id = Number(last[0])
    seq = Number(last[1])
    yield page
    if (rs.rows.length < PAGE) return
  }
}

/** Every stored checkpoint of a trail, oldest first. */
export async function allCheckpoints(db: Executor, trail: Trail): Promise<CheckpointRow[]> {
  const rs = await db.execute({
    sql: 'SELECT trail, origin, size, root_hash, key_id, note, ts FROM checkpoints WHERE trail = ? ORDER BY id',
    args: [trail],
  })
  return rs.rows.map(checkpointRow)
}

/** Every record version in (seq, record) order, in pages (for `verify --deep`). */
export async function* scanRecordVersions(db: Executor): AsyncGenerator<RecordVersionRow[]> {
  let after: [number, string, string, number] = [0, '', '', 0]
  for (;;) {
    const rs = await db.execute({
      sql: `SELECT record_type, record_id, version, type_version, data, deleted, seq, ts, actor_id FROM record_versions
        WHERE (seq, record_type, record_id, version) > (?, ?, ?, ?) ORDER BY seq, record_type, record_id, version LIMIT ${PAGE}`,
      args: after,
    })
    if (rs.rows.length === 0) return
    const page = rs.rows.map(recordVersionRow)
    const last = page.at(-1)!
    after = [last.seq, last.recordType, last.recordId, last.version]
    yield page
    if (rs.rows.length < PAGE) return
  }
}

/** The entries at the given data-trail sequence numbers, by seq. */
export async function entriesBySeq(db: Executor, trail: Trail, seqs: number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>()
  for (let i = 0; i < seqs.length; i += 500) {
    const chunk = seqs.slice(i, i + 500)
    const rs = await db.execute({
      sql: `SELECT seq, bytes FROM entries WHERE trail = ? AND seq IN (${chunk.map(() => '?').join(',')})`,
      args: [trail, ...chunk],
    })
    for (const r of rs.rows) out.set(Number(r[0]), String(r[1]))
  }
  return out
}
