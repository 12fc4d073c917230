import { createHash } from 'node:crypto'
import { VerificationError } from '../../ledger/verification-error.js'
import type { PackFile } from './pack-files.js'

const HEADER = 'veritrail-pack v1'

/**
 * The text a pack signature signs, and whose SHA-256 is the pack's manifest hash:
 *
 * ```
 * veritrail-pack v1
 * <package name> <version>
 * <sha256 hex>  <path>        (one line per file, sorted by path)
 * ```
 */
export function packDigestText(name: string, version: string, files: readonly PackFile[]): string {
  const lines = files.map((f) => `${f.sha256}  ${f.path}`)
  return [HEADER, `${name} ${version}`, ...lines, ''].join('\n')
}

/** The manifest hash of a pack: hex SHA-256 of its digest text. */
export function manifestHash(digestText: string): string {
  return createHash('sha256').update(digestText, 'utf8').digest('hex')
}

/**
 * Reads a digest text back into its parts.
 *
 * @throws VerificationError `MALFORMED_NOTE` when it is not a pack digest.
 */
export function parsePackDigest(text: string): {
  name: string
  version: string
  files: PackFile[]
} {
  const lines = text.split('\n')
  const [header, id] = lines
  const bad = () =>
    new VerificationError(
      'MALFORMED_NOTE',
      'The SIGNATURE file does not hold a Veritrail pack digest.',
    )
  if (header !== HEADER || id === undefined || lines.at(-1) !== '') throw bad()
  const [name, version, extra] = id.split(' ')
  if (!name || !version || extra !== undefined) throw bad()
  const files = lines.slice(2, -1).map((line) => {
    const match = /^([0-9a-f]{64}) {2}(.+)$/.exec(line)
    if (!match) throw bad()
    return { sha256: match[1]!, path: match[2]! }
  })
  return { name, version, files }
}

/** The files that differ between what was signed and what is there, as readable phrases. */
export function digestDifferences(
  signed: readonly PackFile[],
  actual: readonly PackFile[],
): string[] {
  const before = new Map(signed.map((f) => [f.path, f.sha256]))
  const now = new Map(actual.map((f) => [f.path, f.sha256]))
  const changes: string[] = []
  for (const [path, hash] of now) {
    if (!before.has(path)) changes.push(`${path} was added`)
    else if (before.get(path) !== hash) changes.push(`${path} was modified`)
  }
  for (const path of before.keys()) if (!now.has(path)) changes.push(`${path} was removed`)
  return changes
}
