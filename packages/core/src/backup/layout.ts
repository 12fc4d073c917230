import { posix } from 'node:path'
import { VeritrailError } from '../errors.js'

/**
 * Where a backup set's objects live on a target:
 * `<install>/sets/<set id>/` holds the set (`SHA256SUMS` is written last and marks it complete),
 * `<install>/attachments/<sha256>.zst.age` holds each attachment once, shared by every set.
 */
export const SUMS = 'SHA256SUMS'
export const RESTORE_TEXT = 'RESTORE.txt'
export const CHECKPOINTS = 'checkpoints.txt'
export const MANIFEST = 'manifest.json.age'
export const DATABASE = 'database.sqlite.zst.age'

/** The only objects stored as plaintext; everything else must begin with the age header. */
export const PLAIN_OBJECTS: readonly string[] = [SUMS, RESTORE_TEXT, CHECKPOINTS]

export function setFolder(installId: string, setId: string): string {
  return `${installId}/sets/${setId}`
}

export function walPath(position: number): string {
  return `wal/${String(position).padStart(8, '0')}.wal.zst.age`
}

export function keyPath(file: string): string {
  return `keys/${file}.age`
}

/** An attachment's path as seen from a set folder. */
export function attachmentPath(sha256: string): string {
  return `../../attachments/${sha256}.zst.age`
}

/** The object name of `path` (relative to the set folder), refusing to leave the install. */
export function objectName(folder: string, path: string): string {
  const name = posix.normalize(posix.join(folder, path))
  const install = folder.split('/')[0]!
  if (!name.startsWith(`${install}/`))
    throw new VeritrailError('verification_failed', `${path} points outside the backup.`)
  return name
}

/** True for a plain-text object name of a set. */
export function isPlainObject(name: string): boolean {
  return PLAIN_OBJECTS.includes(posix.basename(name))
}
