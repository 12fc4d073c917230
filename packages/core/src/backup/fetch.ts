import { createHash } from 'node:crypto'
import { open } from 'node:fs/promises'
import type { BackupTarget } from '../extension/backup-target.js'
import { isAgeEncrypted } from './age.js'
import { isPlainObject } from './layout.js'
import { targetError } from './upload.js'

/** An object fetched from a target to a local file, with what its bytes are. */
export interface Fetched {
  file: string
  sha256: string
  bytes: number
  /** Begins with the age header (required for every object but the three plain ones). */
  encrypted: boolean
}

/** Downloads `name` to `file`, hashing on the way; null when the target does not hold it. */
export async function fetchObject(
  target: BackupTarget,
  name: string,
  file: string,
): Promise<Fetched | null> {
  let body: AsyncIterable<Uint8Array> | null
  try {
    body = await target.get(name)
  } catch (error) {
    throw targetError(target, `reading ${name}`, error)
  }
  if (body === null) return null
  const hash = createHash('sha256')
  const out = await open(file, 'w', 0o600)
  let bytes = 0
  let head = Buffer.alloc(0)
  try {
    for await (const chunk of body) {
      hash.update(chunk)
      bytes += chunk.length
      if (head.length < 32) head = Buffer.concat([head, chunk.subarray(0, 32)])
      await out.write(chunk)
    }
  } catch (error) {
    throw targetError(target, `reading ${name}`, error)
  } finally {
    await out.close()
  }
  return { file, sha256: hash.digest('hex'), bytes, encrypted: isAgeEncrypted(head) }
}

/** A problem with a fetched object, or null when it is what SHA256SUMS says and sealed as required. */
export function objectProblem(
  name: string,
  fetched: Fetched | null,
  expected: string,
): string | null {
  if (fetched === null) return `${name} is missing.`
  if (fetched.sha256 !== expected)
    return `${name} has SHA-256 ${fetched.sha256}, not ${expected}: it was altered or damaged.`
  if (!isPlainObject(name) && !fetched.encrypted) return `${name} is not age-encrypted.`
  return null
}
