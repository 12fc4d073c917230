import type { ReadExecutor } from '../types.js'

/** Status of a cataloged backup; `pruned` sets were removed from their target by an audited prune. */
export type BackupStatus = 'running' | 'completed' | 'failed' | 'pruned'

/** One row of the backup catalog (the `backups` operational table). */
export interface BackupRow {
  id: string
  target: string
  kind: 'full' | 'incremental'
  generation: string
  position: number
  status: BackupStatus
  bytes: number | null
  sha256: string | null
  manifest: string | null
  error: string | null
  startedAt: string
  finishedAt: string | null
}

const COLUMNS =
  'id, target, kind, generation, position, status, bytes, sha256, manifest, error, started_at, finished_at'

function row(r: ArrayLike<unknown>): BackupRow {
  return {
    id: String(r[0]),
    target: String(r[1]),
    kind: String(r[2]) as BackupRow['kind'],
    generation: String(r[3]),
    position: Number(r[4]),
    status: String(r[5]) as BackupStatus,
    bytes: r[6] === null ? null : Number(r[6]),
    sha256: (r[7] as string | null) ?? null,
    manifest: (r[8] as string | null) ?? null,
    error: (r[9] as string | null) ?? null,
    startedAt: String(r[10]),
    finishedAt: (r[11] as string | null) ?? null,
  }
}

/** The catalog, newest first. */
export async function listBackups(
  db: ReadExecutor,
  options: { target?: string; limit?: number } = {},
): Promise<BackupRow[]> {
  const rows = await db.select(
    `SELECT ${COLUMNS} FROM backups WHERE (? IS NULL OR target = ?) ORDER BY started_at DESC, id DESC LIMIT ?`,
    [options.target ?? null, options.target ?? null, options.limit ?? 1000],
  )
  return rows.map(row)
}

export async function backupById(db: ReadExecutor, id: string): Promise<BackupRow | null> {
  const [r] = await db.select(`SELECT ${COLUMNS} FROM backups WHERE id = ?`, [id])
  return r ? row(r) : null
}

/** The newest completed backup of `target` in `generation` (the head its chain continues from). */
export async function chainHead(
  db: ReadExecutor,
  target: string,
  generation: string,
): Promise<BackupRow | null> {
  const [r] = await db.select(
    `SELECT ${COLUMNS} FROM backups WHERE target = ? AND generation = ? AND status = 'completed' ORDER BY position DESC, id DESC LIMIT 1`,
    [target, generation],
  )
  return r ? row(r) : null
}

/** Completed backups of one target, oldest first (retention works on these). */
export async function completedBackups(db: ReadExecutor, target: string): Promise<BackupRow[]> {
  const rows = await db.select(
    `SELECT ${COLUMNS} FROM backups WHERE target = ? AND status = 'completed' ORDER BY id`,
    [target],
  )
  return rows.map(row)
}

/** Every attachment's hash and size (a backup carries them all). */
export async function allAttachments(
  db: ReadExecutor,
): Promise<{ sha256: string; size: number }[]> {
  const rows = await db.select('SELECT sha256, size FROM attachments ORDER BY sha256')
  return rows.map((r) => ({ sha256: String(r[0]), size: Number(r[1]) }))
}

/** How many drizzle migrations the database has applied, and when the latest was created. */
export async function schemaVersion(
  db: ReadExecutor,
): Promise<{ migrations: number; latest: string }> {
  const [r] = await db.select(
    'SELECT count(*), coalesce(max(created_at), 0) FROM __drizzle_migrations',
  )
  return { migrations: Number(r?.[0] ?? 0), latest: String(r?.[1] ?? '0') }
}

/** The furthest completed position of each target in `generation` (what the WAL spool must keep). */
export async function chainHeads(
  db: ReadExecutor,
  generation: string,
): Promise<{ target: string; position: number }[]> {
  const rows = await db.select(
    `SELECT target, max(position) FROM backups WHERE generation = ? AND status = 'completed' GROUP BY target`,
    [generation],
  )
  return rows.map((r) => ({ target: String(r[0]), position: Number(r[1]) }))
}

/** The newest completed backup of `target` (its manifest names the attachments already there). */
export async function latestCompleted(db: ReadExecutor, target: string): Promise<BackupRow | null> {
  const [r] = await db.select(
    `SELECT ${COLUMNS} FROM backups WHERE target = ? AND status = 'completed' ORDER BY id DESC LIMIT 1`,
    [target],
  )
  return r ? row(r) : null
}
