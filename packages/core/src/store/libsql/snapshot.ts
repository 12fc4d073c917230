import {
  closeSync,
  existsSync,
  fsyncSync,
  ftruncateSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
  writeSync,
} from 'node:fs'
import { VeritrailError } from '../../errors.js'
import { LocalConnection } from './local-connection.js'
import { fsyncDirectory } from './wal-capture.js'
import {
  WAL_FRAME_HEADER_BYTES,
  WAL_HEADER_BYTES,
  summarizeWal,
  type WalSummary,
} from './wal-format.js'

/**
 * Database-file work for backups and restores, synchronous and meant for worker threads
 * (ARCHITECTURE §5: `VACUUM INTO` of 41 MB blocked an event loop for 76 ms).
 */

/**
 * A standalone snapshot: `VACUUM INTO` from its own read-only connection (consistent while
 * writes continue), then fsynced — SQLite does not fsync its output (STACK.md). The copy is
 * compact and complete, but not page-identical: it cannot be the base of a WAL chain.
 */
export function vacuumInto(databaseFile: string, dest: string): void {
  if (existsSync(dest))
    throw new VeritrailError('conflict', `${dest} exists; a snapshot never overwrites a file.`)
  const db = new LocalConnection(databaseFile, { readonly: true })
  try {
    db.executeSync({ sql: 'VACUUM INTO ?', args: [dest] })
  } finally {
    db.close()
  }
  fsyncFile(dest)
}

/**
 * Replays shipped WAL segments onto a page-identical base, in order, doing exactly what SQLite's
 * checkpoint does (and `sqlite3` does when a segment is placed as the `-wal` and checkpointed):
 * validates the log the way recovery does (salts, checksum chain, last commit frame), writes
 * each committed frame's page at its place — later frames win — and sets the file to the size
 * the last commit recorded. Tests prove the result byte-identical to the sqlite3 CLI's replay.
 * (Not through the driver: `libsql` closes lazily, so a second open of the same file in one
 * process sees the previous connection's WAL-index and skips recovery.) Each segment must hold
 * exactly `frames` committed frames, or the replay stops with `verification_failed`.
 */
export function replayWal(
  databaseFile: string,
  segments: { file: string; frames: number }[],
): void {
  const fd = openSync(databaseFile, 'r+')
  try {
    const header = Buffer.alloc(100)
    readSync(fd, header, 0, 100, 0)
    const raw = header.readUInt16BE(16)
    const pageSize = raw === 1 ? 65536 : raw
    for (const [i, segment] of segments.entries()) {
      const bytes = readFileSync(segment.file)
      let wal: WalSummary
      try {
        wal = summarizeWal(bytes)
      } catch (error) {
        throw new VeritrailError(
          'verification_failed',
          `WAL segment ${i + 1} of ${segments.length} is not a valid WAL: ${(error as Error).message}.`,
        )
      }
      if (wal.frames !== segment.frames || wal.pageSize !== pageSize) {
        throw new VeritrailError(
          'verification_failed',
          `WAL segment ${i + 1} of ${segments.length} holds ${wal.frames} committed frames of ${wal.pageSize}-byte pages, not ${segment.frames} of ${pageSize}.`,
        )
      }
      const frameBytes = WAL_FRAME_HEADER_BYTES + pageSize
      for (let f = 0; f < wal.frames; f++) {
        const at = WAL_HEADER_BYTES + f * frameBytes
        const page = bytes.readUInt32BE(at)
        if (page > wal.databasePages) continue
        writeSync(fd, bytes, at + WAL_FRAME_HEADER_BYTES, pageSize, (page - 1) * pageSize)
      }
      ftruncateSync(fd, wal.databasePages * pageSize)
    }
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  rmSync(`${databaseFile}-wal`, { force: true })
  rmSync(`${databaseFile}-shm`, { force: true })
  fsyncDirectory(databaseFile)
}

/** `PRAGMA integrity_check`: `['ok']` for a sound database, otherwise SQLite's findings. */
export function integrityCheck(databaseFile: string): string[] {
  const db = new LocalConnection(databaseFile, { readonly: true })
  try {
    return db.executeSync('PRAGMA integrity_check').rows.map((r) => String(r[0]))
  } finally {
    db.close()
  }
}

/** fsyncs a file and the folder holding it. */
export function fsyncFile(file: string): void {
  const fd = openSync(file, 'r+')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  fsyncDirectory(file)
}

/** Where these functions live, for `runInWorker`. */
export const SNAPSHOT_MODULE = new URL(import.meta.url)
