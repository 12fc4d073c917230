import { createHash } from 'node:crypto'
import { canonicalJson, verifyInclusion, type Entry, type Trail } from '@veritrail/core'
import type { Manifest, SeqRuns } from '../manifest.js'
import { byteLines, type PackageReader } from './package-reader.js'
import type { Problems } from './verify-package.js'

/** The record version (or signed version) an entry binds, by content hash. */
export interface BoundVersion {
  type: string
  id: string
  version: number
  recordHash: string
}

/** Walks the sequence numbers a manifest lists for one trail, in order. */
class SeqCursor {
  #run = 0
  #next: number | undefined
  constructor(private readonly runs: SeqRuns) {
    this.#next = runs[0]?.[0]
  }
  get next(): number | undefined {
    return this.#next
  }
  advance(): void {
    const run = this.runs[this.#run]
    if (!run || this.#next === undefined) return
    if (this.#next < run[1]) this.#next++
    else this.#next = this.runs[++this.#run]?.[0]
  }
}

const SEGMENT = /^entries\/(\d{5})\.jsonl$/

/**
 * Checks every entry line: stored as canonical JSON, exactly the sequence numbers the signed
 * manifest lists (so a removed, added or reordered entry shows), and in the signed tree by its
 * inclusion proof (RFC 9162 §2.1.3.2). Returns what the entries bind, for the record and
 * signature checks.
 */
export async function checkEntries(
  reader: PackageReader,
  manifest: Manifest,
  roots: Record<Trail, Uint8Array | undefined>,
  problems: Problems,
): Promise<{ count: number; versions: Map<number, BoundVersion>; signatures: Map<string, BoundVersion> }> {
  const cursors: Record<Trail, SeqCursor> = { data: new SeqCursor(manifest.entries.data.runs), system: new SeqCursor(manifest.entries.system.runs) }
  const versions = new Map<number, BoundVersion>()
  const signatures = new Map<string, BoundVersion>()
  let count = 0
  const segments = reader.names().filter((n) => SEGMENT.test(n)).sort()
  for (const name of segments) {
    const proofName = name.replace(/^entries\//, 'proofs/')
    const proofs = reader.has(proofName) ? byteLines((await reader.stream(proofName)) as AsyncIterable<Buffer>)[Symbol.asyncIterator]() : undefined
    if (!proofs) problems.add(`${proofName} is missing: the entries of ${name} cannot be proven to be in the signed trail.`)
    let line = 0
    for await (const bytes of byteLines((await reader.stream(name)) as AsyncIterable<Buffer>)) {
      line++
      count++
      const where = `${name} line ${line}`
      const entry = parseEntry(bytes, where, problems)
      const proofLine = proofs ? await proofs.next() : undefined
      if (!entry) continue
      const cursor = cursors[entry.trail]
      if (cursor.next !== entry.seq) {
        problems.add(`${where}: ${entry.trail}-trail entry ${entry.seq} where the signed manifest lists ${cursor.next ?? 'no more entries'} (an entry was removed, added or reordered).`)
      }
      cursor.advance()
      if (proofLine && !proofLine.done) checkProof(entry, bytes, proofLine.value, manifest, roots, `${proofName} line ${line}`, problems)
      else if (proofs) problems.add(`${proofName} has no proof for ${where}.`)
      bind(entry, versions, signatures)
    }
    if (proofs && !(await proofs.next()).done) problems.add(`${proofName} has more proofs than ${name} has entries.`)
  }
  for (const trail of ['data', 'system'] as const) {
    const missing = cursors[trail].next
    if (missing !== undefined) problems.add(`The signed manifest lists ${trail}-trail entry ${missing} (and maybe more) that the package does not hold: an entry was removed.`)
    if (manifest.entries[trail].count > 0 && manifest.checkpoints[trail].size === 0) problems.add(`The manifest lists ${trail}-trail entries but no ${trail}-trail checkpoint.`)
  }
  return { count, versions, signatures }
}

function parseEntry(bytes: Buffer, where: string, problems: Problems): Entry | undefined {
  const text = bytes.toString('utf8')
  let entry: Entry
  try {
    entry = JSON.parse(text) as Entry
  } catch {
    problems.add(`${where} is not JSON.`)
    return undefined
  }
  if ((entry.trail !== 'data' && entry.trail !== 'system') || !Number.isSafeInteger(entry.seq)) {
    problems.add(`${where} is not an audit-trail entry (no trail and sequence number).`)
    return undefined
  }
  try {
    if (canonicalJson(entry) !== text) problems.add(`${where} (${entry.trail} ${entry.seq}) is not the canonical JSON Veritrail stores.`)
  } catch (error) {
    problems.add(`${where} (${entry.trail} ${entry.seq}) holds a value Veritrail never stores: ${(error as Error).message}`)
  }
  return entry
}

function checkProof(entry: Entry, bytes: Buffer, proofBytes: Buffer, manifest: Manifest, roots: Record<Trail, Uint8Array | undefined>, where: string, problems: Problems): void {
  let proof: { trail?: unknown; seq?: unknown; treeSize?: unknown; hashes?: unknown }
  try {
    proof = JSON.parse(proofBytes.toString('utf8')) as typeof proof
  } catch {
    problems.add(`${where} is not JSON.`)
    return
  }
  if (proof.trail !== entry.trail || proof.seq !== entry.seq) {
    problems.add(`${where} is the proof of ${String(proof.trail)} ${String(proof.seq)}, not of ${entry.trail} ${entry.seq}.`)
    return
  }
  const root = roots[entry.trail]
  if (!root) return
  if (proof.treeSize !== manifest.checkpoints[entry.trail].size) {
    problems.add(`${where}: the proof is for a tree of ${String(proof.treeSize)} entries, not the signed checkpoint's ${manifest.checkpoints[entry.trail].size}.`)
    return
  }
  try {
    const hashes = (Array.isArray(proof.hashes) ? proof.hashes : []).map((h) => new Uint8Array(Buffer.from(String(h), 'base64')))
    const leaf = createHash('sha256').update(Buffer.of(0)).update(bytes).digest()
    verifyInclusion(entry.seq - 1, proof.treeSize, new Uint8Array(leaf), hashes, root)
  } catch (error) {
    problems.add(`${where}: ${entry.trail}-trail entry ${entry.seq} is not in the signed tree: ${(error as Error).message}`)
  }
}

/** What an entry binds: the version it wrote (by content hash) or the signature it made. */
function bind(entry: Entry, versions: Map<number, BoundVersion>, signatures: Map<string, BoundVersion>): void {
  const t = entry.target
  if (entry.trail !== 'data' || !t?.recordHash) return
  const bound = { type: t.type, id: t.id, version: t.version, recordHash: t.recordHash }
  const signatureId = entry.details?.signatureId
  if (entry.action === 'sign' && typeof signatureId === 'string') signatures.set(signatureId, bound)
  else versions.set(entry.seq, bound)
}
