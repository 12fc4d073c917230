import { canonicalJson } from '../canonical/canonical-json.js'
import { VeritrailError, isVeritrailError } from '../errors.js'
import { recordHashOfCanonical } from '../records/record-hash.js'
import type { EntryColumns, LedgerScan, RecordVersionRow } from '../store/types.js'
import { bytesEqual } from './bytes.js'
import { openCheckpoint, parseCheckpoint } from './checkpoint.js'
import { TRAILS, type Entry, type Trail } from './entry.js'
import type { VerifierKey } from './note.js'
import { TrailVerifier, type TrailReport, type TrustedCheckpoint } from './verify-trail.js'
import { inlineHasher, type LeafHasher } from './leaf-hasher.js'

/** Actions whose entry is written together with a new record version. */
export const VERSIONING_ACTIONS: readonly string[] = ['create', 'update', 'delete', 'transition']

export interface VerifyOptions {
  /** Keys whose signatures make a checkpoint trusted (the installation's current and rotated keys). */
  verifiers: VerifierKey[]
  /** Signed checkpoint notes kept outside the system (`verify --checkpoint FILE`). */
  external?: string[]
  /** Also check every query-index column and every record version against the stored bytes. */
  deep?: boolean
  /** Called after each page with the number of entries checked so far. */
  onProgress?: (checked: number) => void
  /** Computes leaf hashes (default: on this thread; `workerHasher()` uses every core). */
  hasher?: LeafHasher
}

export interface TrailVerification extends TrailReport {
  /** Problems that do not sit at one entry (a forged stored checkpoint, an orphan version row). */
  problems: string[]
  /** Entries after the latest signed checkpoint (normal right after a crash; anchored at next start). */
  unanchored: number
}

export interface VerifyReport {
  ok: boolean
  trails: Record<Trail, TrailVerification>
}

/**
 * Verifies both trails from the stored bytes (ARCHITECTURE §2.4): see `TrailVerifier` for the
 * per-entry checks. Stored checkpoints must carry a valid signature by one of `verifiers` and are
 * then trusted; external checkpoints (kept elsewhere) additionally catch a wholesale rewrite by
 * someone holding the signing key. `deep` also proves that every index column and every record
 * version matches what the trail recorded.
 *
 * @throws VeritrailError `unreadable` when an external checkpoint cannot be parsed at all.
 */
export async function verifyLedger(scan: LedgerScan, options: VerifyOptions): Promise<VerifyReport> {
  const external = parseExternal(options.external ?? [], options.verifiers)
  const trails = {} as Record<Trail, TrailVerification>
  let checked = 0
  for (const trail of TRAILS) {
    const problems: string[] = [...external.problems.filter((p) => p.trail === trail).map((p) => p.text)]
    const trusted: TrustedCheckpoint[] = [...external.checkpoints.filter((c) => c.trail === trail)]
    for (const row of await scan.checkpoints(trail)) {
      try {
        const cp = openCheckpoint(row.note, options.verifiers, { origin: row.origin })
        if (cp.size !== row.size || !bytesEqual(cp.rootHash, row.rootHash) || !row.origin.endsWith(`/${trail}`)) {
          problems.push(`The stored checkpoint of size ${row.size} does not match its own signed note.`)
          continue
        }
        trusted.push({ size: cp.size, rootHash: cp.rootHash, source: 'stored' })
      } catch (error) {
        problems.push(`The stored checkpoint of size ${row.size} is not validly signed by a known key: ${message(error)}`)
      }
    }
    const verifier = new TrailVerifier(trail, trusted)
    const hashed = options.deep ? undefined : await scan.hashedPages?.(trail)
    if (hashed) {
      // Read, hashed and checked in worker threads; this thread only rebuilds the tree.
      for await (const page of hashed) {
        for (let i = 0; i < page.seqs.length; i++) {
          const ok = page.checks[i]!
          verifier.pushChecked(page.seqs[i]!, page.leaves.subarray(i * 32, i * 32 + 32), (ok & 1) !== 0, (ok & 2) !== 0)
        }
        checked += page.seqs.length
        options.onProgress?.(checked)
      }
      const report = verifier.finish()
      const anchored = Math.max(0, ...trusted.filter((c) => c.size <= report.size).map((c) => c.size))
      trails[trail] = { ...report, problems, unanchored: report.size - anchored }
      continue
    }
    const versions = options.deep && trail === 'data' ? new VersionCursor(scan.recordVersionsBySeq()) : undefined
    // Pipelined: the next page is read and hashed while this one is checked.
    const hasher = options.hasher ?? inlineHasher()
    const pages = scan.entries(trail, options.deep ? 'all' : 'hashed')[Symbol.asyncIterator]()
    const fetch = async () => {
      const next = await pages.next()
      if (next.done) return undefined
      return { page: next.value, leaves: hasher.hash(next.value.map((r) => r.bytes)) }
    }
    let ahead = fetch()
    for (let current = await ahead; current; current = await ahead) {
      ahead = fetch()
      const leaves = await current.leaves
      const { page } = current
      for (let i = 0; i < page.length; i++) {
        const row = page[i]!
        verifier.pushHashed(row, leaves.subarray(i * 32, i * 32 + 32))
        if (options.deep) {
          const entry = deepCheckEntry(row, verifier)
          if (entry && versions) await versions.match(entry, verifier)
        }
      }
      checked += page.length
      options.onProgress?.(checked)
    }
    if (versions) await versions.finish(problems)
    const report = verifier.finish()
    const anchored = Math.max(0, ...trusted.filter((c) => c.size <= report.size).map((c) => c.size))
    trails[trail] = { ...report, problems, unanchored: report.size - anchored }
  }
  const ok = TRAILS.every((t) => trails[t].firstBadSeq === undefined && trails[t].problems.length === 0)
  return { ok, trails }
}

function parseExternal(notes: string[], verifiers: VerifierKey[]) {
  const checkpoints: (TrustedCheckpoint & { trail: Trail })[] = []
  const problems: { trail: Trail; text: string }[] = []
  for (const [i, note] of notes.entries()) {
    let origin: string
    try {
      const body = note.slice(0, note.indexOf('\n\n') + 1)
      origin = parseCheckpoint(body).origin
    } catch (error) {
      throw new VeritrailError('unreadable', `Checkpoint ${i + 1} in the checkpoint file cannot be read: ${message(error)}`)
    }
    const trail = TRAILS.find((t) => origin.endsWith(`/${t}`))
    if (!trail) throw new VeritrailError('unreadable', `Checkpoint ${i + 1} is for “${origin}”, which is not a Veritrail trail.`)
    try {
      const cp = openCheckpoint(note, verifiers)
      checkpoints.push({ trail, size: cp.size, rootHash: cp.rootHash, source: 'external' })
    } catch (error) {
      problems.push({
        trail,
        text: `The checkpoint kept outside (size ${note.split('\n')[1]}) is not signed by this installation's key — the key in keys/ was replaced, or the file is from another installation: ${message(error)}`,
      })
    }
  }
  return { checkpoints, problems }
}

/** `--deep`: the bytes are canonical and every index column says what the bytes say. */
function deepCheckEntry(row: EntryColumns, verifier: TrailVerifier): Entry | undefined {
  let entry: Entry
  try {
    entry = JSON.parse(row.bytes) as Entry
  } catch {
    verifier.flag(row.seq, `Entry ${row.seq} is not JSON.`)
    return undefined
  }
  if (canonicalJson(entry) !== row.bytes) verifier.flag(row.seq, `Entry ${row.seq} is not in canonical form.`)
  const columns: [string, unknown, unknown][] = [
    ['trail', row.trail, entry.trail],
    ['seq', row.seq, entry.seq],
    ['ts', row.ts, entry.ts],
    ['action', row.action, entry.action],
    ['actor_id', row.actorId, entry.actor?.id],
    ['record_type', row.recordType, entry.target?.type ?? null],
    ['record_id', row.recordId, entry.target?.id ?? null],
    ['correlation_id', row.correlationId, entry.correlationId],
  ]
  for (const [column, stored, actual] of columns) {
    if (stored !== actual) {
      verifier.flag(row.seq, `The index column ${column} of entry ${row.seq} says ${JSON.stringify(stored)} but the entry says ${JSON.stringify(actual)}.`)
    }
  }
  return entry
}

/** Walks record versions in seq order beside the data trail (a merge join on seq). */
class VersionCursor {
  readonly #pages: AsyncIterator<RecordVersionRow[]>
  #page: RecordVersionRow[] = []
  #i = 0
  #done = false

  constructor(pages: AsyncIterable<RecordVersionRow[]>) {
    this.#pages = pages[Symbol.asyncIterator]()
  }

  async #peek(): Promise<RecordVersionRow | undefined> {
    while (this.#i >= this.#page.length && !this.#done) {
      const next = await this.#pages.next()
      if (next.done) this.#done = true
      else [this.#page, this.#i] = [next.value, 0]
    }
    return this.#page[this.#i]
  }

  async match(entry: Entry, verifier: TrailVerifier): Promise<void> {
    let version = await this.#peek()
    while (version && version.seq < entry.seq) {
      verifier.flag(version.seq, `A record version of ${version.recordType} ${version.recordId} claims entry ${version.seq}, which wrote no version (a version row was inserted).`)
      this.#i += 1
      version = await this.#peek()
    }
    if (!entry.target || !VERSIONING_ACTIONS.includes(entry.action)) return
    if (!version || version.seq !== entry.seq) {
      verifier.flag(entry.seq, `Entry ${entry.seq} wrote version ${entry.target.version} of ${entry.target.type} ${entry.target.id}, which is missing (a version row was deleted).`)
      return
    }
    this.#i += 1
    const t = entry.target
    const hash = recordHashOfCanonical(version.recordType, version.recordId, version.version, version.data)
    if (version.recordType !== t.type || version.recordId !== t.id || version.version !== t.version || hash !== t.recordHash) {
      verifier.flag(entry.seq, `Version ${version.version} of ${version.recordType} ${version.recordId} is not the content entry ${entry.seq} recorded (the stored version was altered).`)
    }
  }

  async finish(problems: string[]): Promise<void> {
    for (let v = await this.#peek(); v; this.#i += 1, v = await this.#peek()) {
      problems.push(`A record version of ${v.recordType} ${v.recordId} claims entry ${v.seq}, which does not exist.`)
    }
  }
}

function message(error: unknown): string {
  return isVeritrailError(error) || error instanceof Error ? error.message : String(error)
}
