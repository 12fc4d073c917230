import type { Trail } from '../../ledger/entry.js'
import type { ReadExecutor, RecordVersionRow } from '../types.js'
import { recordVersionRow } from '../libsql/reads.js'

// Read queries of review by exception: pages of a trail for the rule engine, and the history
// rules consult (earlier entries, record versions, signatures, completed reviews). Record lists
// are passed as one JSON parameter and joined through json_each, so a batch of 1,000 records is
// one statement that walks the (record_type, record_id) indexes.

/** A record named by type and id. */
export interface RecordKey {
  type: string
  id: string
}

/** Entries of a trail with `afterSeq < seq ≤ toSeq`, in seq order, at most `limit`. */
export async function entryPage(
  db: ReadExecutor,
  trail: Trail,
  afterSeq: number,
  toSeq: number,
  limit: number,
): Promise<{ seq: number; bytes: string }[]> {
  const rows = await db.select(
    'SELECT seq, bytes FROM entries WHERE trail = ? AND seq > ? AND seq <= ? ORDER BY seq LIMIT ?',
    [trail, afterSeq, toSeq, limit],
  )
  return rows.map((r) => ({ seq: Number(r[0]), bytes: String(r[1]) }))
}

/** Stored bytes of the entries of a trail written at or after `sinceTs` and before `beforeSeq`. */
export async function entriesSince(db: ReadExecutor, trail: Trail, sinceTs: string, beforeSeq: number, limit: number): Promise<string[]> {
  const rows = await db.select(
    'SELECT bytes FROM entries WHERE trail = ? AND ts >= ? AND seq < ? ORDER BY seq LIMIT ?',
    [trail, sinceTs, beforeSeq, limit],
  )
  return rows.map((r) => String(r[0]))
}

/** The newest `limit` entries of one record in `trail` before `beforeSeq`, oldest first. */
export async function recordEntries(
  db: ReadExecutor,
  trail: Trail,
  record: RecordKey,
  beforeSeq: number,
  limit: number,
): Promise<string[]> {
  const rows = await db.select(
    `SELECT bytes FROM entries WHERE record_type = ? AND record_id = ? AND seq < ? AND trail = ?
     ORDER BY seq DESC LIMIT ?`,
    [record.type, record.id, beforeSeq, trail, limit],
  )
  return rows.map((r) => String(r[0])).reverse()
}

/** Entries of `trail` with `fromTs ≤ ts ≤ toTs`, optionally of some actions or one actor. */
export async function entriesBetween(
  db: ReadExecutor,
  trail: Trail,
  fromTs: string,
  toTs: string,
  filter: { actions?: string[]; actorId?: string; limit: number },
): Promise<string[]> {
  const rows = await db.select(
    `SELECT bytes FROM entries WHERE trail = ? AND ts >= ? AND ts <= ?
       AND (? IS NULL OR action IN (SELECT value FROM json_each(?)))
       AND (? IS NULL OR actor_id = ?)
     ORDER BY seq LIMIT ?`,
    [
      trail,
      fromTs,
      toTs,
      filter.actions ? 1 : null,
      JSON.stringify(filter.actions ?? []),
      filter.actorId ?? null,
      filter.actorId ?? null,
      filter.limit,
    ],
  )
  return rows.map((r) => String(r[0]))
}

/** One version of a record without its data. */
export type VersionMeta = Omit<RecordVersionRow, 'data'>

const RECORDS = `json_each(?) j
  JOIN record_versions v ON v.record_type = json_extract(j.value, '$[0]') AND v.record_id = json_extract(j.value, '$[1]')`

/** Every version of the given records without their data, by record then version. */
export async function versionMetaOf(db: ReadExecutor, records: RecordKey[]): Promise<VersionMeta[]> {
  if (records.length === 0) return []
  const rows = await db.select(
    `SELECT v.record_type, v.record_id, v.version, v.type_version, NULL, v.deleted, v.seq, v.ts, v.actor_id FROM ${RECORDS}
     ORDER BY v.record_type, v.record_id, v.version`,
    [JSON.stringify(records.map((r) => [r.type, r.id]))],
  )
  return rows.map((r) => {
    const { data: _data, ...meta } = recordVersionRow(r)
    return meta
  })
}

/** Every version of the given records with their data, by record then version. */
export async function versionsOf(db: ReadExecutor, records: RecordKey[]): Promise<RecordVersionRow[]> {
  if (records.length === 0) return []
  const rows = await db.select(
    `SELECT v.record_type, v.record_id, v.version, v.type_version, v.data, v.deleted, v.seq, v.ts, v.actor_id FROM ${RECORDS}
     ORDER BY v.record_type, v.record_id, v.version`,
    [JSON.stringify(records.map((r) => [r.type, r.id]))],
  )
  return rows.map(recordVersionRow)
}

/**
 * Some top-level fields of given versions of records of one type (what names a record, e.g. its
 * batch number), as a JSON object per version, keyed `id\0version`; fields are plain names. A
 * tombstone answers the fields of the newest earlier version that has data.
 */
export async function versionFields(
  db: ReadExecutor,
  type: string,
  fields: string[],
  versions: { id: string; version: number }[],
): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>()
  if (versions.length === 0) return out
  const picked = fields.filter((f) => /^\w+$/.test(f)).map((f) => `'${f}', json_extract(v.data, '$.${f}')`)
  const rows = await db.select(
    `SELECT j.id, j.version, json_object(${picked.join(', ')})
     FROM (SELECT json_extract(value, '$[0]') AS id, json_extract(value, '$[1]') AS version,
             (SELECT max(m.version) FROM record_versions m WHERE m.record_type = ? AND m.record_id = json_extract(value, '$[0]')
                AND m.version <= json_extract(value, '$[1]') AND m.data IS NOT NULL) AS shown
           FROM json_each(?)) j
     CROSS JOIN record_versions v ON v.record_type = ? AND v.record_id = j.id AND v.version = j.shown`,
    [type, JSON.stringify(versions.map((r) => [r.id, r.version])), type],
  )
  for (const r of rows) out.set(`${String(r[0])}\u0000${Number(r[1])}`, (r[2] as string | null) ?? null)
  return out
}

/** Every record that carries at least one signature (signed or not still). */
export async function signedRecords(db: ReadExecutor): Promise<RecordKey[]> {
  const rows = await db.select('SELECT DISTINCT record_type, record_id FROM signatures')
  return rows.map((r) => ({ type: String(r[0]), id: String(r[1]) }))
}

/** A signature row with its withdrawal, if any. */
export interface SignatureRow {
  id: string
  recordType: string
  recordId: string
  recordVersion: number
  recordHash: string
  meaning: string
  signerId: string
  signerUsername: string
  signerName: string
  signerRole: string
  ts: string
  tz: string
  seq: number
  /** Data-trail seq of the withdrawal; null while the signature stands. */
  withdrawnSeq: number | null
}

/** Every signature of the given records, oldest first, with withdrawals. */
export async function signaturesOf(db: ReadExecutor, records: RecordKey[]): Promise<SignatureRow[]> {
  if (records.length === 0) return []
  const rows = await db.select(
    `SELECT s.id, s.record_type, s.record_id, s.record_version, s.record_hash, s.meaning, s.signer_id,
            s.signer_username, s.signer_name, s.signer_role, s.ts, s.tz, s.seq, w.seq
     FROM json_each(?) j
     JOIN signatures s ON s.record_type = json_extract(j.value, '$[0]') AND s.record_id = json_extract(j.value, '$[1]')
     LEFT JOIN signature_withdrawals w ON w.signature_id = s.id
     ORDER BY s.seq`,
    [JSON.stringify(records.map((r) => [r.type, r.id]))],
  )
  return rows.map((r) => ({
    id: String(r[0]),
    recordType: String(r[1]),
    recordId: String(r[2]),
    recordVersion: Number(r[3]),
    recordHash: String(r[4]),
    meaning: String(r[5]),
    signerId: String(r[6]),
    signerUsername: String(r[7]),
    signerName: String(r[8]),
    signerRole: String(r[9]),
    ts: String(r[10]),
    tz: String(r[11]),
    seq: Number(r[12]),
    withdrawnSeq: r[13] === null || r[13] === undefined ? null : Number(r[13]),
  }))
}

/**
 * A completed review. `scope` and `ranges` are the JSON stored when it opened: the scope as
 * asked (`{recordType, recordId}` or `{trail, from, to}`) and the frozen ranges, an array of
 * `{trail, from, to}` (inclusive seqs).
 */
export interface CompletedReviewRow {
  reviewId: string
  scope: string
  ranges: string
  reviewerId: string
  conclusion: string
  completedSeq: number
  completedTs: string
}

/** Every completed review, in completion order. */
export async function completedReviews(db: ReadExecutor): Promise<CompletedReviewRow[]> {
  const rows = await db.select(
    `SELECT r.id, r.scope, r.ranges, c.reviewer_id, c.conclusion, c.seq, c.ts
     FROM review_completions c JOIN reviews r ON r.id = c.review_id ORDER BY c.seq`,
  )
  return rows.map((r) => ({
    reviewId: String(r[0]),
    scope: String(r[1]),
    ranges: String(r[2]),
    reviewerId: String(r[3]),
    conclusion: String(r[4]),
    completedSeq: Number(r[5]),
    completedTs: String(r[6]),
  }))
}

/** The stored definition of a record type version (the newest stored version without one). */
export async function storedRecordType(db: ReadExecutor, id: string, version?: string): Promise<string | null> {
  const rows =
    version === undefined
      ? await db.select('SELECT definition FROM record_types WHERE id = ? ORDER BY ts DESC LIMIT 1', [id])
      : await db.select('SELECT definition FROM record_types WHERE id = ? AND version = ?', [id, version])
  const row = rows[0]
  return row ? String(row[0]) : null
}
