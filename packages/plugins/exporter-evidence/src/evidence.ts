import {
  attachmentRefs,
  canonicalJson,
  defineExporter,
  exportFacts,
  recordHash,
  type Entry,
  type ExportContext,
  type ExportFacts,
  type ExportItem,
  type ExportedRecord,
} from '@veritrail/core'
import { MANIFEST_FILE, addSeq, formatManifest, type Manifest } from './manifest.js'
import { readme } from './readme.js'
import { PackageZip } from './zip-writer.js'

/** Entries per segment file: what is held in memory at once (with its proofs and records). */
export const SEGMENT_ENTRIES = 1000

/** The lines of one segment, built in memory, then queued into the zip. */
class Segment {
  entries: string[] = []
  /** Trail and seq of each entry line, for its proof. */
  positions: { trail: 'data' | 'system'; seq: number }[] = []
  records: string[] = []
  signatures: string[] = []
}

/** One proof line per entry line, in order; each trail's proofs read in one batch. */
async function proofLines(positions: Segment['positions'], facts: ExportFacts): Promise<string> {
  const lines = new Array<string>(positions.length)
  for (const trail of ['data', 'system'] as const) {
    const at = positions.flatMap((p, i) => (p.trail === trail ? [i] : []))
    if (at.length === 0) continue
    const proofs = await facts.inclusionProofs(trail, at.map((i) => positions[i]!.seq))
    at.forEach((i, k) => {
      lines[i] = `${JSON.stringify({ trail, seq: positions[i]!.seq, treeSize: proofs[k]!.treeSize, hashes: proofs[k]!.hashes })}\n`
    })
  }
  return lines.join('')
}

/**
 * The evidence package (R-EX-03, R-EX-04): a zip of the entries as stored, their inclusion proofs
 * in the signed checkpoints they were cut from, the record versions they wrote, the signatures
 * they made, the attachments those versions refer to, the record-type definitions, the verifier
 * key, a README on checking it by hand, and `manifest.txt`: the SHA-256 of every file and the
 * exact sequence numbers covered, signed by the installation's checkpoint key through the core
 * (`ExportFacts.signManifest`; the key never reaches this plugin). A record-scoped export is the
 * record's true copy: its whole life. Segments of `SEGMENT_ENTRIES` entries keep memory bounded.
 *
 * Outside an installation (no facts) the package has no proofs, checkpoints or signature, and
 * its README says it is not evidence; `verify-package` fails it.
 */
export const evidenceExporter = defineExporter({
  id: 'exporter-evidence.evidence',
  mediaType: 'application/zip',
  fileExtension: 'zip',
  label: { en: 'Evidence package (zip, verifiable offline)', 'zh-CN': '证据包（zip，可离线验证）' },
  export: exportPackage,
})

async function exportPackage(source: AsyncIterable<ExportItem>, ctx: ExportContext): Promise<void> {
  const facts = exportFacts(ctx)
  const zip = new PackageZip(ctx)
  try {
    await writePackage(source, ctx, facts, zip)
  } catch (error) {
    zip.abort()
    throw error
  }
  await zip.close()
}

async function writePackage(source: AsyncIterable<ExportItem>, ctx: ExportContext, facts: ExportFacts | undefined, zip: PackageZip): Promise<void> {
  zip.addBuffer('README.txt', readme(ctx.meta, facts !== undefined))
  const manifest: Omit<Manifest, 'files'> = {
    installId: ctx.meta.installId,
    generatedAt: ctx.meta.generatedAt,
    requestedBy: ctx.meta.requestedBy ?? '',
    locale: ctx.locale,
    filter: canonicalJson(ctx.meta.filter ?? {}),
    checkpoints: { data: { size: 0, rootHash: '' }, system: { size: 0, rootHash: '' } },
    entries: { data: { count: 0, runs: [] }, system: { count: 0, runs: [] } },
    records: 0,
    signatures: 0,
    attachments: 0,
  }
  if (facts) {
    zip.addBuffer('verifier-key.txt', `${facts.verifierKey}\n`)
    for (const c of facts.checkpoints) {
      manifest.checkpoints[c.trail] = { size: c.size, rootHash: c.rootHash }
      if (c.note) zip.addBuffer(`checkpoints/${c.trail}.note`, c.note)
    }
  }
  const types = new Set<string>()
  const attachments = new Set<string>()
  const attachmentLines: string[] = []
  let segment = new Segment()
  let segments = 0
  const flush = async () => {
    if (segment.entries.length === 0 && segment.records.length === 0) return
    const n = String(++segments).padStart(5, '0')
    zip.addBuffer(`entries/${n}.jsonl`, segment.entries.join(''))
    if (facts) zip.addBuffer(`proofs/${n}.jsonl`, await proofLines(segment.positions, facts))
    if (segment.records.length > 0) zip.addBuffer(`records/${n}.jsonl`, segment.records.join(''))
    if (segment.signatures.length > 0) zip.addBuffer(`signatures/${n}.jsonl`, segment.signatures.join(''))
    segment = new Segment()
    await zip.room(4)
  }
  let items = 0
  for await (const item of source) {
    items++
    if (item.kind === 'entry') {
      const entry = item.entry
      const counted = manifest.entries[entry.trail]
      counted.count++
      addSeq(counted.runs, entry.seq)
      segment.entries.push(`${item.bytes}\n`)
      segment.positions.push({ trail: entry.trail, seq: entry.seq })
      if (entry.target) types.add(`${entry.target.type}@${entry.target.typeVersion}`)
      if (facts) {
        const signature = await signatureOf(entry, facts)
        if (signature) {
          segment.signatures.push(`${signature}\n`)
          manifest.signatures++
        }
      }
      if (segment.entries.length >= SEGMENT_ENTRIES) await flush()
    } else {
      segment.records.push(`${recordLine(item)}\n`)
      manifest.records++
      types.add(`${item.type}@${item.typeVersion}`)
      const type = facts?.recordType(item.type, item.typeVersion)
      for (const sha256 of type ? attachmentRefs(item.data, type.fields) : []) {
        if (attachments.has(sha256)) continue
        const blob = await facts!.attachment(sha256)
        if (!blob) continue
        attachments.add(sha256)
        attachmentLines.push(`${canonicalJson({ sha256, size: blob.size, mediaType: blob.mediaType, filename: blob.filename })}\n`)
        zip.addStream(`attachments/${sha256}`, async () => blob.stream)
        // Each queued attachment holds an open file: keep only a few waiting.
        await zip.room(16)
      }
    }
    if (items % 256 === 0) ctx.progress(items)
  }
  await flush()
  for (const key of [...types].sort()) {
    const at = key.lastIndexOf('@')
    const definition = facts?.recordType(key.slice(0, at), key.slice(at + 1))
    if (definition) zip.addBuffer(`record-types/${key}.json`, canonicalJson(definition as unknown as Parameters<typeof canonicalJson>[0]))
  }
  if (attachmentLines.length > 0) zip.addBuffer('attachments.jsonl', attachmentLines.join(''))
  manifest.attachments = attachments.size
  await zip.room(0)
  const text = formatManifest({ ...manifest, files: zip.files })
  zip.addBuffer(MANIFEST_FILE, facts ? await facts.signManifest(text) : text, { listed: false })
  ctx.progress(items)
}

/** A record version with its content hash, as canonical JSON. */
function recordLine(r: ExportedRecord): string {
  return canonicalJson({
    type: r.type,
    typeVersion: r.typeVersion,
    id: r.id,
    version: r.version,
    data: r.data,
    deleted: r.deleted,
    seq: r.seq,
    ts: r.ts,
    actorId: r.actorId,
    recordHash: recordHash(r.type, r.id, r.version, r.data),
  })
}

/** The signature a `sign` entry made, as canonical JSON. */
async function signatureOf(entry: Entry, facts: ExportFacts): Promise<string | undefined> {
  const id = entry.details?.signatureId
  if (entry.action !== 'sign' || typeof id !== 'string') return undefined
  const signature = await facts.signature(id)
  return signature ? canonicalJson(signature as unknown as Parameters<typeof canonicalJson>[0]) : undefined
}
