import type { ReadExecutor } from '../types.js'

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
  withdrawnTs: string | null
  withdrawReason: string | null
}

const COLS = `s.id, s.record_type, s.record_id, s.record_version, s.record_hash, s.meaning, s.signer_id, s.signer_username,
  s.signer_name, s.signer_role, s.ts, s.tz, s.seq, w.ts, w.reason`

function row(r: ArrayLike<unknown>): SignatureRow {
  return {
    id: String(r[0]), recordType: String(r[1]), recordId: String(r[2]), recordVersion: Number(r[3]), recordHash: String(r[4]),
    meaning: String(r[5]), signerId: String(r[6]), signerUsername: String(r[7]), signerName: String(r[8]), signerRole: String(r[9]),
    ts: String(r[10]), tz: String(r[11]), seq: Number(r[12]), withdrawnTs: (r[13] as string | null) ?? null, withdrawReason: (r[14] as string | null) ?? null,
  }
}

export async function signaturesOf(db: ReadExecutor, type: string, id: string): Promise<SignatureRow[]> {
  const rows = await db.select(`SELECT ${COLS} FROM signatures s LEFT JOIN signature_withdrawals w ON w.signature_id = s.id WHERE s.record_type = ? AND s.record_id = ? ORDER BY s.seq`, [type, id])
  return rows.map(row)
}

export async function signatureById(db: ReadExecutor, id: string): Promise<SignatureRow | null> {
  const rows = await db.select(`SELECT ${COLS} FROM signatures s LEFT JOIN signature_withdrawals w ON w.signature_id = s.id WHERE s.id = ?`, [id])
  return rows[0] ? row(rows[0]) : null
}

/** Account ids that created, changed or deleted any version of a record (its authors). */
export async function recordAuthors(db: ReadExecutor, type: string, id: string): Promise<string[]> {
  const rows = await db.select('SELECT DISTINCT actor_id FROM record_versions WHERE record_type = ? AND record_id = ?', [type, id])
  return rows.map((r) => String(r[0]))
}

/** Completed reviews whose scope includes this record version (release gate, R-RV-01). */
export async function completedReviewsCovering(db: ReadExecutor, type: string, id: string, seq: number): Promise<string[]> {
  const rows = await db.select(
    `SELECT r.id FROM reviews r JOIN review_completions c ON c.review_id = r.id
      WHERE EXISTS (SELECT 1 FROM json_each(r.ranges) j
        WHERE json_extract(j.value, '$.trail') = 'data' AND json_extract(j.value, '$.from') <= ? AND json_extract(j.value, '$.to') >= ?)
      AND (json_extract(r.scope, '$.recordType') IS NULL OR (json_extract(r.scope, '$.recordType') = ? AND json_extract(r.scope, '$.recordId') = ?)
           OR EXISTS (SELECT 1 FROM json_each(r.scope, '$.linked') l WHERE json_extract(l.value, '$.type') = ? AND json_extract(l.value, '$.id') = ?))`,
    [seq, seq, type, id, type, id],
  )
  return rows.map((r) => String(r[0]))
}
