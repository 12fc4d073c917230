import type { WriteTx } from '../types.js'

/** A backup as it starts: cataloged `running`, never readable as complete until `completeBackup`. */
export interface BackupStart {
  id: string
  target: string
  kind: 'full' | 'incremental'
  generation: string
  position: number
  startedAt: string
}

export function startBackup(tx: WriteTx, b: BackupStart): Promise<void> {
  return tx.operational(
    `INSERT INTO backups (id, target, kind, generation, position, status, started_at) VALUES (?, ?, ?, ?, ?, 'running', ?)`,
    [b.id, b.target, b.kind, b.generation, b.position, b.startedAt],
  )
}

/** Marks a backup complete: every object is stored and was read back with the expected hash. */
export function completeBackup(
  tx: WriteTx,
  id: string,
  done: {
    kind: 'full' | 'incremental'
    generation: string
    position: number
    bytes: number
    sha256: string
    manifest: string
    finishedAt: string
  },
): Promise<void> {
  return tx.operational(
    `UPDATE backups SET status = 'completed', kind = ?, generation = ?, position = ?, bytes = ?, sha256 = ?, manifest = ?, finished_at = ?, error = NULL
      WHERE id = ? AND status = 'running'`,
    [
      done.kind,
      done.generation,
      done.position,
      done.bytes,
      done.sha256,
      done.manifest,
      done.finishedAt,
      id,
    ],
  )
}

export function failBackup(
  tx: WriteTx,
  id: string,
  error: string,
  finishedAt: string,
): Promise<void> {
  return tx.operational(
    `UPDATE backups SET status = 'failed', error = ?, finished_at = ? WHERE id = ? AND status = 'running'`,
    [error, finishedAt, id],
  )
}

/** After an audited prune removed the set's objects from its target. */
export function markPruned(tx: WriteTx, ids: string[], at: string): Promise<void> {
  if (ids.length === 0) return Promise.resolve()
  return tx.operational(
    `UPDATE backups SET status = 'pruned', finished_at = coalesce(finished_at, ?) WHERE status = 'completed' AND id IN (${ids.map(() => '?').join(',')})`,
    [at, ...ids],
  )
}

/** Backups left `running` by a process that stopped mid-way are failed, never complete. */
export function failAbandoned(tx: WriteTx, at: string): Promise<void> {
  return tx.operational(
    `UPDATE backups SET status = 'failed', error = 'The process stopped before this backup completed.', finished_at = ? WHERE status = 'running'`,
    [at],
  )
}
