import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { open } from 'node:fs/promises'
import { VeritrailError, isVeritrailError } from '../errors.js'
import type { BackupBody, BackupTarget } from '../extension/backup-target.js'
import { AGE_MAGIC, isAgeEncrypted } from './age.js'
import { isPlainObject } from './layout.js'

/** An object ready to leave the system: a staged file or bytes in memory. */
export type Outgoing = { name: string; file: string } | { name: string; bytes: Uint8Array }

/**
 * Stores one object on a target, failing closed: anything but SHA256SUMS, RESTORE.txt and
 * checkpoints.txt must begin with the age header, or nothing is sent. Afterwards the object is
 * read back and must hash to `sha256` (R-BK-02: the checksum is verified after writing).
 */
export async function putVerified(
  target: BackupTarget,
  object: Outgoing,
  sha256: string,
): Promise<void> {
  const head =
    'file' in object
      ? await firstBytes(object.file, AGE_MAGIC.length)
      : object.bytes.subarray(0, AGE_MAGIC.length)
  if (!isPlainObject(object.name) && !isAgeEncrypted(head)) {
    throw new VeritrailError(
      'verification_failed',
      `Refused to store ${object.name} on ${target.id}: it does not begin with the age header, and backups leave the system encrypted only.`,
    )
  }
  const stream =
    'file' in object ? createReadStream(object.file, { highWaterMark: 1 << 20 }) : undefined
  // A target that gives up without reading must not leave the file stream erroring unheard.
  stream?.on('error', () => undefined)
  const body: BackupBody = stream
    ? (stream as AsyncIterable<Uint8Array>)
    : (object as { bytes: Uint8Array }).bytes
  try {
    await target.put(object.name, body)
  } catch (error) {
    throw targetError(target, `storing ${object.name}`, error)
  } finally {
    stream?.destroy()
  }
  const stored = await hashObject(target, object.name)
  if (stored !== sha256) {
    throw new VeritrailError(
      'verification_failed',
      `${object.name} on ${target.id} reads back with SHA-256 ${stored ?? '(missing)'}, not ${sha256}.`,
    )
  }
}

/** SHA-256 of an object as the target returns it; null when it is not there. */
export async function hashObject(target: BackupTarget, name: string): Promise<string | null> {
  let body: AsyncIterable<Uint8Array> | null
  try {
    body = await target.get(name)
    if (body === null) return null
    const hash = createHash('sha256')
    for await (const chunk of body) hash.update(chunk)
    return hash.digest('hex')
  } catch (error) {
    throw targetError(target, `reading ${name}`, error)
  }
}

/** Reads a whole (small) object; null when missing. */
export async function readObject(target: BackupTarget, name: string): Promise<Buffer | null> {
  try {
    const body = await target.get(name)
    if (body === null) return null
    const parts: Uint8Array[] = []
    for await (const chunk of body) parts.push(chunk)
    return Buffer.concat(parts)
  } catch (error) {
    throw targetError(target, `reading ${name}`, error)
  }
}

/** A target's failure as a core error naming the target and what it was doing. */
export function targetError(target: BackupTarget, doing: string, error: unknown): VeritrailError {
  if (isVeritrailError(error) && error.message.includes(target.id)) return error
  const reason = error instanceof Error ? error.message : String(error)
  return new VeritrailError(
    isVeritrailError(error) ? error.code : 'unreadable',
    `The backup target ${target.id} failed ${doing}: ${reason}`,
    { cause: error },
  )
}

async function firstBytes(file: string, n: number): Promise<Buffer> {
  const handle = await open(file, 'r')
  try {
    const buffer = Buffer.alloc(n)
    const { bytesRead } = await handle.read(buffer, 0, n, 0)
    return buffer.subarray(0, bytesRead)
  } finally {
    await handle.close()
  }
}
