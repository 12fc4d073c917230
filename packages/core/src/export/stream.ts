import { createHash } from 'node:crypto'
import type { Readable } from 'node:stream'
import { VeritrailError } from '../errors.js'
import type { StoredRecordType } from '../extension/exception-rule.js'
import type { ExportContext, ExportItem, ExportMeta, Exporter } from '../extension/exporter.js'
import type { Locale } from '../extension/i18n.js'
import type { Trail } from '../ledger/entry.js'
import type { SignerKey } from '../ledger/note.js'
import { signaturesOf, signatureById } from '../store/queries/signatures.js'
import { storedRecordTypes } from '../store/queries/audit.js'
import type { StoreReads } from '../store/types.js'
import { signatureView } from '../signatures/signatures.js'
import { withFacts, type ExportCheckpoint, type ExportFacts } from './facts.js'
import { entrySearchOf, type ExportFilter } from './filter.js'
import { signManifest } from './manifest-signing.js'
import { InclusionProofs } from './proofs.js'
import { exportItems, exportedRecord, type SourceCounts } from './source.js'

/** Bytes gathered before they go to the sink: one message or write per 256 KiB, not per row. */
const FLUSH_AT = 256 * 1024

/** What one export is: decided by `planExport` in the process that serves the request. */
export interface ExportSpec {
  filter: ExportFilter
  locale: Locale
  meta: ExportMeta
  /** The signed heads the export is cut from (tree sizes frozen at the start). */
  checkpoints: ExportCheckpoint[]
  verifierKey: string
}

/** Where an export reads and writes. */
export interface ExportIo {
  /** Reads on a connection of the export's own (never the server's writer). */
  reads: StoreReads
  signer: SignerKey
  openAttachment(sha256: string): Promise<{ info: { sha256: string; size: number; mediaType: string; filename: string | null }; stream: Readable }>
  signal: AbortSignal
  /** Receives the file in order; awaiting it is the back-pressure. */
  sink(chunk: Uint8Array): Promise<void>
  /** Entries read so far, whenever the exporter reports progress. */
  onProgress?(entries: number): void
}

/** What an export produced: the file's SHA-256 and size, and what it holds. */
export interface ExportOutcome {
  sha256: string
  bytes: number
  entries: number
  records: number
}

/**
 * Runs an exporter over the items of `spec` (ARCHITECTURE §3: the core streams, the exporter
 * formats): entries and record versions read page by page, the file hashed as it is written,
 * facts offered to the exporter through its context. Rejects if the exporter fails, stops
 * reading early, or the export is cancelled, so a cut-off file is never taken as complete.
 */
export async function streamExport(exporter: Exporter, spec: ExportSpec, io: ExportIo): Promise<ExportOutcome> {
  const hash = createHash('sha256')
  let bytes = 0
  let pending: Buffer[] = []
  let pendingSize = 0
  const flush = async () => {
    if (pendingSize === 0) return
    const chunk = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingSize)
    pending = []
    pendingSize = 0
    hash.update(chunk)
    bytes += chunk.byteLength
    await io.sink(chunk)
  }
  const counts: SourceCounts = { entries: 0, records: 0 }
  const sizes = Object.fromEntries(spec.checkpoints.map((c) => [c.trail, c.size])) as Record<Trail, number>
  const items = exportItems({ db: io.reads.sql, search: await entrySearchOf(spec.filter, io.reads.sql), sizes, signal: io.signal, counts })
  // The exporter's view of the items; notes whether it read them all (no generator in between:
  // this is once per item).
  let exhausted = false
  const source: AsyncIterable<ExportItem> = {
    [Symbol.asyncIterator]: () => ({
      async next() {
        const step = await items.next()
        if (step.done) exhausted = true
        return step
      },
      return: (value?: unknown) => items.return(value as undefined),
      throw: (error?: unknown) => items.throw(error),
    }),
  }
  const ctx: ExportContext = {
    locale: spec.locale,
    meta: spec.meta,
    signal: io.signal,
    progress: () => io.onProgress?.(counts.entries),
    async write(chunk) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
      pending.push(typeof chunk === 'string' ? buffer : Buffer.from(buffer))
      pendingSize += buffer.byteLength
      if (pendingSize >= FLUSH_AT) await flush()
    },
  }
  withFacts(ctx, await createFacts(spec, io))
  try {
    await exporter.export(source, ctx)
  } catch (error) {
    throw io.signal.aborted ? (io.signal.reason ?? error) : error
  }
  if (!exhausted) {
    throw new VeritrailError('plugin_error', `The exporter ${exporter.id} stopped before reading every item (${counts.entries} entries read); the file would be incomplete.`)
  }
  await flush()
  io.onProgress?.(counts.entries)
  return { sha256: hash.digest('hex'), bytes, entries: counts.entries, records: counts.records }
}

async function createFacts(spec: ExportSpec, io: ExportIo): Promise<ExportFacts> {
  const types = new Map<string, StoredRecordType>()
  for (const row of await storedRecordTypes(io.reads.sql)) types.set(`${row.id}@${row.version}`, JSON.parse(row.definition) as StoredRecordType)
  const proofs = new Map<Trail, InclusionProofs>()
  const b64 = (h: Uint8Array) => Buffer.from(h).toString('base64')
  return {
    checkpoints: spec.checkpoints,
    verifierKey: spec.verifierKey,
    recordType: (type, version) => types.get(`${type}@${version}`),
    recordVersions: async (type, id) => (await io.reads.recordVersions(type, id)).map(exportedRecord),
    signaturesOf: async (type, id) => (await signaturesOf(io.reads.sql, type, id)).map(signatureView),
    signature: async (id) => {
      const row = await signatureById(io.reads.sql, id)
      return row ? signatureView(row) : undefined
    },
    inclusionProofs: async (trail, seqs) => {
      const checkpoint = spec.checkpoints.find((c) => c.trail === trail)
      if (!checkpoint) throw new VeritrailError('validation_failed', `The export holds no checkpoint of the ${trail} trail.`)
      let prover = proofs.get(trail)
      if (!prover) proofs.set(trail, (prover = new InclusionProofs(io.reads.sql, trail, checkpoint.size)))
      return (await prover.proofs(seqs)).map((path) => ({ treeSize: checkpoint.size, hashes: path.map(b64) }))
    },
    attachment: async (sha256) => {
      try {
        const { info, stream } = await io.openAttachment(sha256)
        return { ...info, stream }
      } catch (error) {
        if ((error as VeritrailError).code === 'not_found') return undefined
        throw error
      }
    },
    signManifest: async (text) => signManifest(text, io.signer),
  }
}
