import { TRAILS } from '../../ledger/entry.js'
import type { SqlArg } from '../libsql/connection.js'
import type { ReadExecutor } from '../types.js'

/** A search over the trails, already resolved to column values (see `audit/query.ts`). */
export interface EntrySearch {
  trail?: 'data' | 'system'
  actorIds?: string[]
  actions?: string[]
  recordType?: string
  recordId?: string
  fromTs?: string
  toTs?: string
  /** FTS5 trigram MATCH expression (queries of three or more characters). */
  match?: string
  /** Two CJK characters, answered by the bigram index. */
  bigram?: string
  /** Case-folded substring searched in the stored bytes (other queries shorter than three characters). */
  substring?: string
  /** An id-like query: matches record, correlation, actor or session ids exactly. */
  anyId?: string
  order: 'asc' | 'desc'
  afterId?: number
  limit: number
}

export interface EntryHit {
  id: number
  trail: string
  seq: number
  bytes: string
  leafHash: Uint8Array
}

/** Entries matching `s`, ordered by commit order (`id`; within a trail the same as `seq`). */
export async function searchEntries(db: ReadExecutor, s: EntrySearch): Promise<EntryHit[]> {
  const where: string[] = []
  const args: SqlArg[] = []
  const fts = s.match ? 'entry_search' : s.bigram ? 'entry_bigrams' : undefined
  const from = fts ? `${fts} f JOIN entries e ON e.id = f.rowid` : 'entries e'
  if (fts) {
    where.push(`${fts} MATCH ?`)
    args.push(s.match ?? `"${s.bigram!.replaceAll('"', '""')}"`)
  }
  const key = fts ? 'f.rowid' : 'e.id'
  // A period becomes a range of ids (a seek) rather than a filter over every entry.
  const span = await idSpan(db, s)
  if (span === 'empty') return []
  if (span.from !== undefined) where.push(`${key} >= ?`), args.push(span.from)
  if (span.to !== undefined) where.push(`${key} <= ?`), args.push(span.to)
  // `+` keeps the planner on the id order for a trail-only query (the trail indexes would
  // make it sort the whole trail to find one page). One actor or one action seeks its
  // (actor_id | action, trail) index instead, whose entries are already in id order.
  const seek = !fts && (s.actorIds?.length === 1 || s.actions?.length === 1)
  if (s.trail) where.push(seek ? 'e.trail = ?' : '+e.trail = ?'), args.push(s.trail)
  // Without a trail, naming both lets that index seek each trail's part of the id range (else
  // it walks every entry of the actor or action and sorts them: 164 ms p95 at 1M for a week).
  else if (seek && (span.from !== undefined || span.to !== undefined)) where.push(`e.trail IN (${TRAILS.map((t) => `'${t}'`).join(',')})`)
  if (s.actorIds?.length) where.push(`e.actor_id IN (${s.actorIds.map(() => '?').join(',')})`), args.push(...s.actorIds)
  if (s.actions?.length) where.push(`e.action IN (${s.actions.map(() => '?').join(',')})`), args.push(...s.actions)
  if (s.recordType) where.push('e.record_type = ?'), args.push(s.recordType)
  if (s.recordId) where.push('e.record_id = ?'), args.push(s.recordId)
  // Within an id range the period is only re-checked (`+`: not a reason to take the ts index).
  const ts = span.from !== undefined || span.to !== undefined ? '+e.ts' : 'e.ts'
  if (s.fromTs) where.push(`${ts} >= ?`), args.push(s.fromTs)
  if (s.toTs) where.push(`${ts} < ?`), args.push(s.toTs)
  if (s.substring) where.push('instr(lower(e.bytes), ?) > 0'), args.push(s.substring)
  if (s.anyId) {
    where.push("(e.record_id = ? OR e.correlation_id = ? OR e.actor_id = ? OR instr(e.bytes, ?) > 0)")
    args.push(s.anyId, s.anyId, s.anyId, `"${s.anyId}"`)
  }
  if (s.afterId !== undefined) where.push(`${key} ${s.order === 'desc' ? '<' : '>'} ?`), args.push(s.afterId)
  const sql = `SELECT e.id, e.trail, e.seq, e.bytes, e.leaf_hash FROM ${from}
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${key} ${s.order === 'desc' ? 'DESC' : 'ASC'} LIMIT ?`
  args.push(s.limit)
  const rows = await db.select(sql, args)
  return rows.map((r) => ({ id: Number(r[0]), trail: String(r[1]), seq: Number(r[2]), bytes: String(r[3]), leafHash: r[4] as Uint8Array }))
}

/**
 * The ids that can hold entries of the period [fromTs, toTs). Server time only moves forward
 * with the id unless the clock was set back — which the ledger records as `clock_change`; then
 * there is no shortcut and the period stays a plain filter. Looked up per trail on the
 * (trail, ts) index.
 */
async function idSpan(db: ReadExecutor, s: EntrySearch): Promise<{ from?: number; to?: number } | 'empty'> {
  if (!s.fromTs && !s.toTs) return {}
  const clockSetBack = await db.select("SELECT 1 FROM entries WHERE action = 'clock_change' LIMIT 1")
  if (clockSetBack.length > 0) return {}
  const trails = s.trail ? [s.trail] : ['data', 'system']
  const span: { from?: number; to?: number } = {}
  if (s.fromTs) {
    const firsts: number[] = []
    for (const t of trails) {
      const r = await db.select('SELECT id FROM entries WHERE trail = ? AND ts >= ? ORDER BY ts, seq LIMIT 1', [t, s.fromTs])
      if (r[0]) firsts.push(Number(r[0][0]))
    }
    if (firsts.length === 0) return 'empty'
    span.from = Math.min(...firsts)
  }
  if (s.toTs) {
    const lasts: number[] = []
    for (const t of trails) {
      const r = await db.select('SELECT id FROM entries WHERE trail = ? AND ts < ? ORDER BY ts DESC, seq DESC LIMIT 1', [t, s.toTs])
      if (r[0]) lasts.push(Number(r[0][0]))
    }
    if (lasts.length === 0) return 'empty'
    span.to = Math.max(...lasts)
  }
  return span
}

/** Account ids whose user name or id is `who` (the `actor=` filter accepts either). */
export async function actorIds(db: ReadExecutor, who: string): Promise<string[]> {
  const rows = await db.select('SELECT id FROM accounts WHERE username = ? OR id = ?', [who, who])
  return rows.length > 0 ? rows.map((r) => String(r[0])) : [who]
}

/** One entry by trail and seq. */
export async function entryAt(db: ReadExecutor, trail: string, seq: number): Promise<EntryHit | null> {
  const rows = await db.select('SELECT id, trail, seq, bytes, leaf_hash FROM entries WHERE trail = ? AND seq = ?', [trail, seq])
  const r = rows[0]
  return r ? { id: Number(r[0]), trail: String(r[1]), seq: Number(r[2]), bytes: String(r[3]), leafHash: r[4] as Uint8Array } : null
}

/** Stored record-type definitions (for labels of entries written under older versions). */
export async function storedRecordTypes(db: ReadExecutor): Promise<{ id: string; version: string; definition: string }[]> {
  const rows = await db.select('SELECT id, version, definition FROM record_types')
  return rows.map((r) => ({ id: String(r[0]), version: String(r[1]), definition: String(r[2]) }))
}
