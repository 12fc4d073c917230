import type { Trail } from '../../ledger/entry.js'
import type { ReadExecutor } from '../types.js'

/** A stored entry with the columns that say what it did to which record. */
export interface KeyedEntryRow {
  seq: number
  bytes: string
  action: string
  recordType: string | null
  recordId: string | null
}

/**
 * Entries of a trail with `afterSeq < seq ≤ toSeq`, in seq order, at most `limit`, with their
 * action and record columns (so a reader can prefetch for them without parsing the bytes).
 */
export async function keyedEntryPage(db: ReadExecutor, trail: Trail, afterSeq: number, toSeq: number, limit: number): Promise<KeyedEntryRow[]> {
  const rows = await db.select(
    'SELECT seq, bytes, action, record_type, record_id FROM entries WHERE trail = ? AND seq > ? AND seq <= ? ORDER BY seq LIMIT ?',
    [trail, afterSeq, toSeq, limit],
  )
  return rows.map((r) => ({
    seq: Number(r[0]),
    bytes: String(r[1]),
    action: String(r[2]),
    recordType: (r[3] as string | null) ?? null,
    recordId: (r[4] as string | null) ?? null,
  }))
}
