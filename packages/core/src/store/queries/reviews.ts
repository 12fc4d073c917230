import type { SqlArg } from '../libsql/connection.js'
import type { ReadExecutor } from '../types.js'

/** A record and the records it links, as a review scope names them. */
export interface ScopeRecord {
  type: string
  id: string
}

/** Authoring actions (CONTRACT §6): their actors may not review the entries. */
export const AUTHORING = ['create', 'update', 'delete', 'transition', 'ingest']

function recordClause(records: ScopeRecord[]): { sql: string; args: SqlArg[] } {
  return {
    sql: records.map(() => '(record_type = ? AND record_id = ?)').join(' OR '),
    args: records.flatMap((r) => [r.type, r.id]),
  }
}

/** Min and max data-trail seq of the records' entries up to `toSeq`, and how many there are. */
export async function recordSeqRange(db: ReadExecutor, records: ScopeRecord[], toSeq: number): Promise<{ from: number; to: number; count: number }> {
  const c = recordClause(records)
  const rows = await db.select(`SELECT coalesce(min(seq), 0), coalesce(max(seq), 0), count(*) FROM entries WHERE trail = 'data' AND seq <= ? AND (${c.sql})`, [toSeq, ...c.args])
  const r = rows[0]!
  return { from: Number(r[0]), to: Number(r[1]), count: Number(r[2]) }
}

/** Does `actorId` author any entry in the scope? (segregation of duties of reviews) */
export async function authoredInScope(db: ReadExecutor, actorId: string, scope: { trail: string; from: number; to: number; records?: ScopeRecord[] }): Promise<boolean> {
  const c = scope.records ? recordClause(scope.records) : undefined
  const rows = await db.select(
    `SELECT 1 FROM entries WHERE actor_id = ? AND trail = ? AND seq BETWEEN ? AND ?
      AND action IN (${AUTHORING.map(() => '?').join(',')}) ${c ? `AND (${c.sql})` : ''} LIMIT 1`,
    [actorId, scope.trail, scope.from, scope.to, ...AUTHORING, ...(c?.args ?? [])],
  )
  return rows.length > 0
}

/** A page of stored entries in a scope after `afterSeq`. */
export async function scopeEntries(db: ReadExecutor, scope: { trail: string; from: number; to: number; records?: ScopeRecord[] }, afterSeq: number, limit: number): Promise<{ seq: number; bytes: string; leafHash: Uint8Array }[]> {
  const c = scope.records ? recordClause(scope.records) : undefined
  const rows = await db.select(
    `SELECT seq, bytes, leaf_hash FROM entries WHERE trail = ? AND seq > ? AND seq BETWEEN ? AND ? ${c ? `AND (${c.sql})` : ''} ORDER BY seq LIMIT ?`,
    [scope.trail, afterSeq, scope.from, scope.to, ...(c?.args ?? []), limit],
  )
  return rows.map((r) => ({ seq: Number(r[0]), bytes: String(r[1]), leafHash: r[2] as Uint8Array }))
}

export interface ReviewRow {
  id: string
  scope: string
  ranges: string
  entryCount: number
  sampleSeed: number | null
  openedBy: string
  seq: number
  ts: string
  completion: { conclusion: string; reviewerId: string; seq: number; ts: string } | null
}

export async function reviewById(db: ReadExecutor, id: string): Promise<ReviewRow | null> {
  const rows = await db.select(
    `SELECT r.id, r.scope, r.ranges, r.entry_count, r.sample_seed, r.opened_by, r.seq, r.ts, c.conclusion, c.reviewer_id, c.seq, c.ts
      FROM reviews r LEFT JOIN review_completions c ON c.review_id = r.id WHERE r.id = ?`,
    [id],
  )
  return rows[0] ? reviewRow(rows[0]) : null
}

export async function listReviews(db: ReadExecutor, limit: number): Promise<ReviewRow[]> {
  const rows = await db.select(
    `SELECT r.id, r.scope, r.ranges, r.entry_count, r.sample_seed, r.opened_by, r.seq, r.ts, c.conclusion, c.reviewer_id, c.seq, c.ts
      FROM reviews r LEFT JOIN review_completions c ON c.review_id = r.id ORDER BY r.id DESC LIMIT ?`,
    [limit],
  )
  return rows.map(reviewRow)
}

function reviewRow(r: ArrayLike<unknown>): ReviewRow {
  return {
    id: String(r[0]), scope: String(r[1]), ranges: String(r[2]), entryCount: Number(r[3]), sampleSeed: r[4] === null ? null : Number(r[4]),
    openedBy: String(r[5]), seq: Number(r[6]), ts: String(r[7]),
    completion: r[8] === null ? null : { conclusion: String(r[8]), reviewerId: String(r[9]), seq: Number(r[10]), ts: String(r[11]) },
  }
}

export interface FindingRow {
  id: string
  trail: string
  entrySeq: number
  ruleId: string
  ruleVersion: string
  pack: string
  packHash: string
  severity: string
  message: string
  details: string | null
  resolution: { note: string; reference: string | null; actorId: string; ts: string } | null
}

export async function findingsOf(db: ReadExecutor, reviewId: string): Promise<FindingRow[]> {
  const rows = await db.select(
    `SELECT f.id, f.trail, f.entry_seq, f.rule_id, f.rule_version, f.pack, f.pack_hash, f.severity, f.message, f.details,
        r.note, r.reference, r.actor_id, r.ts
      FROM review_findings f LEFT JOIN finding_resolutions r ON r.id = (SELECT max(id) FROM finding_resolutions x WHERE x.finding_id = f.id)
      WHERE f.review_id = ? ORDER BY f.entry_seq, f.id`,
    [reviewId],
  )
  return rows.map((r) => ({
    id: String(r[0]), trail: String(r[1]), entrySeq: Number(r[2]), ruleId: String(r[3]), ruleVersion: String(r[4]), pack: String(r[5]),
    packHash: String(r[6]), severity: String(r[7]), message: String(r[8]), details: (r[9] as string | null) ?? null,
    resolution: r[10] === null ? null : { note: String(r[10]), reference: (r[11] as string | null) ?? null, actorId: String(r[12]), ts: String(r[13]) },
  }))
}

/** Entries per trail and record type (`''` for entries about no record). */
export async function entryCounts(db: ReadExecutor, exclude: { trail: string; from: number; to: number }[]): Promise<{ trail: string; recordType: string; count: number }[]> {
  const not = exclude.map(() => 'NOT (trail = ? AND seq BETWEEN ? AND ?)').join(' AND ')
  const rows = await db.select(
    // Counted from the (record_type, record_id, trail, seq) index alone; the planner would
    // otherwise walk (trail, seq) and read every entry's row for its record type.
    `SELECT trail, coalesce(record_type, ''), count(*) FROM entries INDEXED BY entries_record_id ${not ? `WHERE ${not}` : ''} GROUP BY trail, coalesce(record_type, '')`,
    exclude.flatMap((r) => [r.trail, r.from, r.to]),
  )
  return rows.map((r) => ({ trail: String(r[0]), recordType: String(r[1]), count: Number(r[2]) }))
}

/** Entries of the given records up to `to` that lie outside `exclude` ranges, per record type. */
export async function recordEntryCounts(db: ReadExecutor, records: ScopeRecord[], to: number, exclude: { trail: string; from: number; to: number }[]): Promise<{ recordType: string; count: number }[]> {
  const c = recordClause(records)
  const not = exclude.filter((r) => r.trail === 'data').map(() => 'AND NOT (seq BETWEEN ? AND ?)').join(' ')
  const rows = await db.select(
    `SELECT record_type, count(*) FROM entries WHERE trail = 'data' AND seq <= ? AND (${c.sql}) ${not} GROUP BY record_type`,
    [to, ...c.args, ...exclude.filter((r) => r.trail === 'data').flatMap((r) => [r.from, r.to])],
  )
  return rows.map((r) => ({ recordType: String(r[0]), count: Number(r[1]) }))
}

/** Scope and frozen ranges of every completed review. */
export async function completedScopes(db: ReadExecutor): Promise<{ scope: string; ranges: string }[]> {
  const rows = await db.select('SELECT r.scope, r.ranges FROM reviews r JOIN review_completions c ON c.review_id = r.id')
  return rows.map((r) => ({ scope: String(r[0]), ranges: String(r[1]) }))
}
