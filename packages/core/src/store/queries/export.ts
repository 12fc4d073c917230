import { bytes, recordVersionRow } from '../libsql/reads.js'
import type { NodeId, ReadExecutor, RecordVersionRow } from '../types.js'
import type { EntryHit } from './audit.js'

// Reads of the export stream (export/): pages of rows by key ranges, so an export of any size
// holds one page at a time and never a long read transaction that would pin the WAL.

const VERSION_COLS = 'record_type, record_id, version, type_version, data, deleted, seq, ts, actor_id'

/**
 * One page of a trail in sequence order, optionally within `[fromTs, toTs)`, up to `maxSeq`.
 * Forced onto the (trail, seq) index: ordering a whole trail by commit id would make SQLite sort
 * the trail once per page.
 */
export async function trailEntriesPage(
  db: ReadExecutor,
  page: { trail: string; afterSeq: number; maxSeq: number; fromTs?: string; toTs?: string; limit: number },
): Promise<EntryHit[]> {
  const args: (string | number)[] = [page.trail, page.afterSeq, page.maxSeq]
  let range = ''
  if (page.fromTs) (range += ' AND ts >= ?'), args.push(page.fromTs)
  if (page.toTs) (range += ' AND ts < ?'), args.push(page.toTs)
  args.push(page.limit)
  const rows = await db.select(
    `SELECT id, trail, seq, bytes, leaf_hash FROM entries INDEXED BY entries_trail_seq
      WHERE trail = ? AND seq > ? AND seq <= ?${range} ORDER BY seq LIMIT ?`,
    args,
  )
  return rows.map((r) => ({ id: Number(r[0]), trail: String(r[1]), seq: Number(r[2]), bytes: String(r[3]), leafHash: bytes(r[4]) }))
}

/** The record versions written by the data-trail entries `seqs` (one per seq at most). */
export async function recordVersionsAtSeqs(db: ReadExecutor, seqs: number[]): Promise<RecordVersionRow[]> {
  if (seqs.length === 0) return []
  const rows = await db.select(
    `SELECT ${VERSION_COLS} FROM record_versions WHERE seq IN (${seqs.map(() => '?').join(',')})`,
    seqs,
  )
  return rows.map(recordVersionRow)
}

const CHUNK = 400

/**
 * Stored hashes of many perfect subtrees of a trail (level 0 from the entries), as a map keyed
 * `level/index`. Inner nodes are looked up by joining a VALUES list on the primary key: an OR
 * of (level, idx) pairs makes SQLite scan every node of the trail.
 */
export async function treeNodes(db: ReadExecutor, trail: string, ids: readonly NodeId[]): Promise<Map<string, Uint8Array>> {
  const found = new Map<string, Uint8Array>()
  const leaves = ids.filter((id) => id.level === 0)
  const inner = ids.filter((id) => id.level > 0)
  for (let i = 0; i < leaves.length; i += CHUNK) {
    const chunk = leaves.slice(i, i + CHUNK)
    const rows = await db.select(`SELECT seq, leaf_hash FROM entries WHERE trail = ? AND seq IN (${chunk.map(() => '?').join(',')})`, [trail, ...chunk.map((id) => id.index + 1)])
    for (const r of rows) found.set(`0/${Number(r[0]) - 1}`, bytes(r[1]))
  }
  for (let i = 0; i < inner.length; i += CHUNK) {
    const chunk = inner.slice(i, i + CHUNK)
    const rows = await db.select(
      `WITH wanted(level, idx) AS (VALUES ${chunk.map(() => '(?, ?)').join(',')})
        SELECT n.level, n.idx, n.hash FROM wanted w JOIN tree_nodes n ON n.trail = ? AND n.level = w.level AND n.idx = w.idx`,
      [...chunk.flatMap((id) => [id.level, id.index]), trail],
    )
    for (const r of rows) found.set(`${Number(r[0])}/${Number(r[1])}`, bytes(r[2]))
  }
  return found
}

/** The site time zone stamped on the newest system-trail entry (null for an empty trail). */
export async function lastEntryTimeZone(db: ReadExecutor): Promise<string | null> {
  const rows = await db.select("SELECT bytes FROM entries WHERE trail = 'system' ORDER BY seq DESC LIMIT 1")
  const stored = rows[0]?.[0]
  return typeof stored === 'string' ? ((JSON.parse(stored) as { tz?: string }).tz ?? null) : null
}
