import { createHash } from 'node:crypto'
import {
  VeritrailError,
  isVerificationError,
  openCheckpoint,
  openNote,
  parseVerifierKey,
  type VerifierKey,
} from '@veritrail/core'
import { MANIFEST_FILE, parseManifest, type Manifest } from '../manifest.js'
import { checkEntries } from './check-entries.js'
import { checkRecords, checkSignatures } from './check-records.js'
import { PackageReader } from './package-reader.js'

/** The verdict on a package. `problems` name each file and line that failed, in order found. */
export interface PackageVerification {
  ok: boolean
  problems: string[]
  /** The key the manifest and checkpoints were checked against. */
  key: VerifierKey
  /** `package`: the package's own verifier-key.txt (compare its fingerprint out of band). */
  keySource: 'given' | 'package'
  manifest: Manifest | undefined
  checked: { files: number; entries: number; records: number; signatures: number; attachments: number }
}

/** At most this many problems are listed; the first ones say enough. */
const MAX_PROBLEMS = 50

/** Collects problems as sentences. */
export class Problems {
  readonly list: string[] = []
  add(problem: string): void {
    if (this.list.length < MAX_PROBLEMS) this.list.push(problem)
  }
}

/**
 * Checks an evidence package offline (no server, no database): the manifest's signature by the
 * checkpoint key, every file's SHA-256 against the manifest and no file unlisted, the signed
 * checkpoints against the manifest, every entry's inclusion proof in its checkpoint, that the
 * entries are exactly the sequence numbers the manifest names, every record version's content
 * hash against the entry that wrote it, every signature against the version it signed, and
 * every attachment against its name.
 *
 * @throws VeritrailError `unreadable` when the file is not a readable zip or the key given is
 *   not a verifier key.
 */
export async function verifyEvidencePackage(path: string, options: { key?: string } = {}): Promise<PackageVerification> {
  let given: VerifierKey | undefined
  try {
    given = options.key ? parseVerifierKey(options.key.trim()) : undefined
  } catch (error) {
    throw new VeritrailError('unreadable', `The key given is not a verifier key (name+keyid+base64): ${(error as Error).message}`)
  }
  const reader = await PackageReader.open(path)
  try {
    return await verifyOpened(reader, given)
  } finally {
    reader.close()
  }
}

async function verifyOpened(reader: PackageReader, given: VerifierKey | undefined): Promise<PackageVerification> {
  const problems = new Problems()
  const checked = { files: 0, entries: 0, records: 0, signatures: 0, attachments: 0 }
  for (const name of reader.duplicates) problems.add(`${name} is in the zip more than once.`)
  const key = given ?? (await packageKey(reader))
  const result = (manifest: Manifest | undefined): PackageVerification => ({
    ok: problems.list.length === 0,
    problems: problems.list,
    key,
    keySource: given ? 'given' : 'package',
    manifest,
    checked,
  })
  if (!reader.has(MANIFEST_FILE)) {
    problems.add(`${MANIFEST_FILE} is missing: without it nothing in the package can be checked.`)
    return result(undefined)
  }
  let manifest: Manifest
  try {
    const note = await reader.text(MANIFEST_FILE)
    manifest = parseManifest(openNote(note, [key]).text)
  } catch (error) {
    if (!isVerificationError(error) && (error as VeritrailError).code !== 'verification_failed') throw error
    problems.add(`${MANIFEST_FILE}: its signature does not verify with ${key.name}+${key.keyIdHex}, or it is malformed: ${(error as Error).message}`)
    return result(undefined)
  }
  const sums = await checkSums(reader, manifest, problems)
  checked.files = sums.size
  checked.attachments = checkAttachments(reader, manifest, sums, problems)
  try {
    const roots = await checkCheckpoints(reader, manifest, key, problems)
    const entries = await checkEntries(reader, manifest, roots, problems)
    checked.entries = entries.count
    checked.records = await checkRecords(reader, manifest, entries.versions, problems)
    checked.signatures = await checkSignatures(reader, manifest, entries.signatures, problems)
  } catch (error) {
    // A damaged file (its sum failed above) may not even decompress; that ends the check.
    problems.add(`The package could not be read to the end: ${(error as Error).message}`)
  }
  return result(manifest)
}

async function packageKey(reader: PackageReader): Promise<VerifierKey> {
  if (!reader.has('verifier-key.txt')) {
    throw new VeritrailError('unreadable', 'The package holds no verifier-key.txt; give the published key with --key.')
  }
  try {
    return parseVerifierKey((await reader.text('verifier-key.txt', 4096)).trim())
  } catch (error) {
    throw new VeritrailError('unreadable', `verifier-key.txt does not hold a verifier key; give the published key with --key. (${(error as Error).message})`)
  }
}

/** Every listed file hashes to its listed SHA-256, and every file of the zip is listed. */
async function checkSums(reader: PackageReader, manifest: Manifest, problems: Problems): Promise<Map<string, string>> {
  const sums = new Map<string, string>()
  const listed = new Set<string>()
  for (const file of manifest.files) {
    if (listed.has(file.name)) problems.add(`${MANIFEST_FILE} lists ${file.name} twice.`)
    listed.add(file.name)
    if (!reader.has(file.name)) {
      problems.add(`${file.name} is listed in ${MANIFEST_FILE} but missing from the package.`)
      continue
    }
    const hash = createHash('sha256')
    try {
      for await (const chunk of await reader.stream(file.name)) hash.update(chunk as Buffer)
    } catch (error) {
      problems.add(`${file.name} cannot be read back: ${(error as Error).message}`)
      continue
    }
    const actual = hash.digest('hex')
    sums.set(file.name, actual)
    if (actual !== file.sha256) problems.add(`${file.name} was altered: its SHA-256 is ${actual}, the signed manifest says ${file.sha256}.`)
  }
  for (const name of reader.names()) {
    if (name !== MANIFEST_FILE && !listed.has(name)) problems.add(`${name} is not listed in the signed manifest (a file was added).`)
  }
  return sums
}

function checkAttachments(reader: PackageReader, manifest: Manifest, sums: Map<string, string>, problems: Problems): number {
  const names = reader.names().filter((n) => n.startsWith('attachments/'))
  for (const name of names) {
    const sha = sums.get(name)
    if (sha && sha !== name.slice('attachments/'.length)) problems.add(`${name} does not hash to its name (SHA-256 ${sha}).`)
  }
  if (names.length !== manifest.attachments) problems.add(`The package holds ${names.length} attachments; the manifest says ${manifest.attachments}.`)
  return names.length
}

/** The signed checkpoints name the installation's trails and state the sizes and roots the manifest names. */
async function checkCheckpoints(reader: PackageReader, manifest: Manifest, key: VerifierKey, problems: Problems): Promise<Record<'data' | 'system', Uint8Array | undefined>> {
  const roots: Record<'data' | 'system', Uint8Array | undefined> = { data: undefined, system: undefined }
  for (const trail of ['data', 'system'] as const) {
    const stated = manifest.checkpoints[trail]
    const name = `checkpoints/${trail}.note`
    if (stated.size === 0) continue
    if (!reader.has(name)) {
      problems.add(`${name} is missing; the manifest names a ${trail}-trail checkpoint of size ${stated.size}.`)
      continue
    }
    try {
      const checkpoint = openCheckpoint(await reader.text(name, 65536), key, { origin: `${manifest.installId}/${trail}` })
      const root = Buffer.from(checkpoint.rootHash).toString('base64')
      if (checkpoint.size !== stated.size || root !== stated.rootHash) {
        problems.add(`${name} states size ${checkpoint.size} and root ${root}; the manifest says ${stated.size} and ${stated.rootHash}.`)
      } else {
        roots[trail] = checkpoint.rootHash
      }
    } catch (error) {
      problems.add(`${name}: ${(error as Error).message}`)
    }
  }
  return roots
}
