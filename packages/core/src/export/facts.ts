import type { Readable } from 'node:stream'
import type { StoredRecordType } from '../extension/exception-rule.js'
import type { ExportContext, ExportedRecord } from '../extension/exporter.js'
import type { Trail } from '../ledger/entry.js'
import type { SignatureView } from '../signatures/signatures.js'

/** A signed tree head an export was cut from: every exported entry lies in its tree. */
export interface ExportCheckpoint {
  trail: Trail
  /** `<install-id>/<trail>` */
  origin: string
  size: number
  /** base64 RFC 6962 root hash. */
  rootHash: string
  /** The C2SP signed note (empty when the trail has no entries yet). */
  note: string
}

/** An attachment blob as an export reads it. */
export interface ExportAttachment {
  sha256: string
  size: number
  mediaType: string
  filename: string | null
  stream: Readable
}

/**
 * What the core tells a first-party exporter beyond the items: the signed checkpoints the export
 * was cut from, record-type definitions as stored (labels of entries written under older
 * versions), signatures, proofs, attachments, and a signature over an evidence manifest. Reach
 * it with `exportFacts(ctx)`; it is undefined when an exporter runs outside an installation (the
 * conformance kit), so an exporter must work without it.
 *
 * The checkpoint key never leaves the core: `signManifest` signs only texts that begin with
 * `MANIFEST_HEADER`, which no checkpoint can, so the key cannot be made to sign a forged tree head.
 */
export interface ExportFacts {
  readonly checkpoints: readonly ExportCheckpoint[]
  /** The checkpoint verifier key (`name+keyid+base64`), to publish out of band. */
  readonly verifierKey: string
  /** The stored definition of a record type version (undefined for unknown types). */
  recordType(type: string, version: string): StoredRecordType | undefined
  /** Every version of a record, oldest first. */
  recordVersions(type: string, id: string): Promise<ExportedRecord[]>
  /** A record's signatures (withdrawals included), oldest first. */
  signaturesOf(type: string, id: string): Promise<SignatureView[]>
  signature(id: string): Promise<SignatureView | undefined>
  /**
   * RFC 9162 inclusion proofs (base64 hashes) of entries of one trail in its exported checkpoint,
   * in the order asked. Ask for a batch (a segment of a package): the nodes are read once for all.
   */
  inclusionProofs(trail: Trail, seqs: readonly number[]): Promise<{ treeSize: number; hashes: string[] }[]>
  /** An attachment's bytes, or undefined when the installation holds no such blob. */
  attachment(sha256: string): Promise<ExportAttachment | undefined>
  /** Signs an evidence manifest as a C2SP signed note with the installation's checkpoint key. */
  signManifest(text: string): Promise<string>
}

const FACTS = Symbol.for('veritrail.exportFacts')

/**
 * The facts the core attached to an export context, or undefined (a context built elsewhere).
 *
 * @example
 * const facts = exportFacts(ctx)
 * const checkpoint = facts?.checkpoints.find((c) => c.trail === 'data')
 */
export function exportFacts(ctx: ExportContext): ExportFacts | undefined {
  return (ctx as unknown as Record<symbol, ExportFacts | undefined>)[FACTS]
}

/** Attaches facts to a context (the core does this for first-party exporters). */
export function withFacts(ctx: ExportContext, facts: ExportFacts): ExportContext {
  return Object.assign(ctx, { [FACTS]: facts })
}
