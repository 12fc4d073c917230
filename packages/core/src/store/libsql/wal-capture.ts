import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  statSync,
  writeSync,
} from 'node:fs'
import { pinnedFd } from './pinned-file.js'
import { VeritrailError } from '../../errors.js'
import type { SqlConnection } from './connection.js'
import { summarizeWal, type WalSummary } from './wal-format.js'

/** What one capture took: the committed WAL as it was, and whether the log was then reset. */
export interface WalCapture {
  /** The copied segment (null when the log held no committed frame). */
  segment: (WalSummary & { file: string }) | null
  /** `wal_checkpoint(TRUNCATE)` completed: the database file now holds everything, the WAL is empty. */
  truncated: boolean
  /**
   * After a TRUNCATE: the salts the next log will carry, read from the WAL-index header (SQLite
   * sets them when it resets the log). A next segment with other salts means someone else reset
   * the log in between, and frames may be missing.
   */
  next?: { salt1: number; salt2: number }
  /** The database file (inode, size, mtime in ns) before this capture touched it, and after. */
  stampBefore: string
  stampAfter: string
}

/**
 * Identifies the state of the database file: in WAL mode only a checkpoint writes it. A reader
 * of another process can reset the WAL-index salts without any data moving (seen here with the
 * sqlite3 CLI), so a salt change with an unchanged file is no gap; a changed file is.
 */
export function fileStamp(file: string): string {
  const s = statSync(file, { bigint: true })
  return `${s.ino}:${s.size}:${s.mtimeNs}`
}

/**
 * Copies the committed part of the writer's WAL to `dest` (fsynced), then checkpoints it into the
 * database with `wal_checkpoint(TRUNCATE)`. Call it only through `Store.exclusive`: no write
 * transaction of this process is open, and the copy is taken under `BEGIN IMMEDIATE`, so the
 * bytes copied are exactly the committed frames. A passive checkpoint must then count the same
 * frames as the copy, or the capture is refused (another process wrote in between: the caller
 * starts a new generation). A TRUNCATE that cannot finish because a reader still uses the log
 * keeps the copy (`truncated: false`): the next capture copies the same, grown log.
 *
 * Frames are page images; replaying the copied WAL on a page-identical copy of the database as it
 * was before them yields, byte for byte, the database after them (sqlite3 does exactly this).
 */
export async function captureWal(
  writer: SqlConnection,
  databaseFile: string,
  dest: string,
): Promise<WalCapture> {
  const walFile = `${databaseFile}-wal`
  const stampBefore = fileStamp(databaseFile)
  const unchanged = { segment: null, truncated: true, stampBefore, stampAfter: stampBefore }
  if (!existsSync(walFile) || statSync(walFile).size === 0)
    return { ...unchanged, ...nextSalts(databaseFile) }
  let summary: WalSummary
  await writer.begin()
  try {
    const bytes = readFileSync(walFile)
    summary = summarizeWal(bytes)
    if (summary.frames === 0) return { ...unchanged, ...nextSalts(databaseFile) }
    writeDurably(dest, bytes.subarray(0, summary.bytes))
  } finally {
    await writer.commit()
  }
  const passive = await checkpoint(writer, 'PASSIVE')
  if (passive.log !== summary.frames) {
    throw new VeritrailError(
      'conflict',
      `The WAL changed while it was copied (${summary.frames} frames copied, ${passive.log} in the log): another process wrote to the database.`,
    )
  }
  const truncated = await truncateWal(writer)
  return {
    segment: { ...summary, file: dest },
    truncated,
    ...(truncated ? nextSalts(databaseFile) : {}),
    stampBefore,
    stampAfter: fileStamp(databaseFile),
  }
}

/**
 * The salts in the WAL-index header (the `-shm` file, https://sqlite.org/walformat.html): the
 * salts of the current log, or of the next one right after a reset. Stored as the log's bytes.
 */
function nextSalts(databaseFile: string): { next?: { salt1: number; salt2: number } } {
  try {
    const shm = Buffer.alloc(48)
    if (readSync(pinnedFd(`${databaseFile}-shm`), shm, 0, 48, 0) < 48 || shm[12] !== 1) return {}
    return { next: { salt1: shm.readUInt32BE(32), salt2: shm.readUInt32BE(36) } }
  } catch {
    return {}
  }
}

/** `wal_checkpoint(TRUNCATE)` with a short wait for readers; true when the log is now empty. */
export async function truncateWal(writer: SqlConnection): Promise<boolean> {
  await writer.execute('PRAGMA busy_timeout=200')
  try {
    return (await checkpoint(writer, 'TRUNCATE')).busy === 0
  } finally {
    await writer.execute('PRAGMA busy_timeout=5000')
  }
}

/** Size of the writer's WAL file in bytes (0 when there is none). */
export function walSize(databaseFile: string): number {
  const walFile = `${databaseFile}-wal`
  return existsSync(walFile) ? statSync(walFile).size : 0
}

async function checkpoint(writer: SqlConnection, mode: 'PASSIVE' | 'TRUNCATE') {
  const row = (await writer.execute(`PRAGMA wal_checkpoint(${mode})`)).rows[0]
  return {
    busy: Number(row?.[0] ?? 1),
    log: Number(row?.[1] ?? -1),
    checkpointed: Number(row?.[2] ?? -1),
  }
}

/** Writes a file completely and durably: a temporary name, fsync, rename, fsync of the folder. */
export function writeDurably(dest: string, bytes: Uint8Array): void {
  const temp = `${dest}.partial`
  const fd = openSync(temp, 'w', 0o600)
  try {
    let at = 0
    while (at < bytes.length) at += writeSync(fd, bytes, at, bytes.length - at)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  renameSync(temp, dest)
  fsyncDirectory(dest)
}

/** fsyncs the folder holding `file`, so a rename into it survives a power cut. */
export function fsyncDirectory(file: string): void {
  const dir = file.slice(0, Math.max(file.lastIndexOf('/'), 1))
  const fd = openSync(dir, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}
