import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { canonicalJson, type JsonValue } from '../../canonical/canonical-json.js'
import { CORE_VERSION, type Core } from '../../core.js'
import { VeritrailError } from '../../errors.js'
import type { RecordTypeRegistry } from '../../extension/record-type.js'
import { uuidv7 } from '../../ids.js'
import { isoTime } from '../../ledger/clock.js'
import type { ActionContext } from '../../ledger/context.js'
import type { Entry } from '../../ledger/entry.js'
import { hashLeaf } from '../../ledger/merkle.js'
import { linkedRecords } from '../../records/link-targets.js'
import { writeArchiveDatabase, type ArchiveContent } from '../../store/libsql/archive-file.js'
import { formatSums } from '../manifest.js'
import { sealBytes } from '../seal.js'
import { csv } from './csv.js'
import { archiveReadme } from './readme.js'
import { writeTar } from './tar.js'

export const ARCHIVE_FORMAT = 'veritrail-archive/1'

/** What `createArchive` made. */
export interface ArchivePackage {
  archiveId: string
  /** The age-encrypted tar. */
  bytes: Buffer
  sha256: string
  records: { type: string; id: string }[]
  entries: number
  checkpoint: { size: number; rootHash: string }
}

/**
 * A record archive package (R-AR-05): one record — or a record and the records it links to —
 * with every version, every data-trail entry about them (the exact hashed bytes), their
 * signatures, an inclusion proof of each entry against one signed checkpoint, and the record-type
 * definitions; as a tar of a plain SQLite file, entries.csv, checkpoint.txt, verifier-key.txt,
 * README.txt and SHA256SUMS, encrypted with age. The export is a system-trail entry.
 */
export async function createArchive(options: {
  core: Core
  record: { type: string; id: string }
  /** Also archive the records the record links to (a batch and its material lots). */
  links?: boolean
  registry?: RecordTypeRegistry
  recipients: string[]
  ctx: ActionContext
}): Promise<ArchivePackage> {
  const { core } = options
  const reads = core.store.read
  const records = [options.record]
  if (options.links) {
    const latest = await reads.recordVersion(options.record.type, options.record.id)
    const definition = options.registry?.get(options.record.type)
    if (latest?.data && definition)
      records.push(
        ...linkedRecords(definition, JSON.parse(latest.data) as Record<string, JsonValue>),
      )
  }
  const unique = [...new Map(records.map((r) => [`${r.type}/${r.id}`, r])).values()]
  const content: ArchiveContent = {
    meta: {},
    recordTypes: [],
    versions: [],
    entries: [],
    proofs: [],
    signatures: [],
  }
  const typeKeys = new Set<string>()
  for (const r of unique) {
    const versions = await reads.recordVersions(r.type, r.id)
    if (versions.length === 0)
      throw new VeritrailError('not_found', `There is no ${r.type} record ${r.id} to archive.`)
    for (const v of versions) {
      content.versions.push({
        recordType: v.recordType,
        recordId: v.recordId,
        version: v.version,
        typeVersion: v.typeVersion,
        data: v.data,
        deleted: v.deleted,
        seq: v.seq,
        ts: v.ts,
        actorId: v.actorId,
      })
      const key = `${v.recordType}@${v.typeVersion}`
      if (typeKeys.has(key)) continue
      typeKeys.add(key)
      const def = await reads.recordType(v.recordType, v.typeVersion)
      if (def)
        content.recordTypes.push({ id: def.id, version: def.version, definition: def.definition })
    }
    for (const s of await core.signatures.list(r.type, r.id)) {
      content.signatures.push({
        id: s.id,
        recordType: s.target.type,
        recordId: s.target.id,
        recordVersion: s.target.version,
        meaning: s.meaning,
        recordHash: s.recordHash,
        signerUsername: s.signer.username,
        signerName: s.signer.displayName,
        ts: s.ts,
        tz: s.tz,
        seq: s.seq,
        withdrawnTs: s.withdrawn?.ts ?? null,
        withdrawnReason: s.withdrawn?.reason ?? null,
      })
    }
    for (let cursor: string | null = null, first = true; first || cursor; first = false) {
      const page: Awaited<ReturnType<Core['audit']['search']>> = await core.audit.search({
        trail: 'data',
        recordType: r.type,
        recordId: r.id,
        limit: '500',
        order: 'asc',
        ...(cursor ? { cursor } : {}),
      })
      for (const hit of page.entries) {
        const {
          leafHash,
          display: _display,
          ...entry
        } = JSON.parse(hit.json) as Entry & { leafHash: string; display?: unknown }
        const bytes = canonicalJson(entry)
        if (Buffer.from(hashLeaf(Buffer.from(bytes))).toString('base64') !== leafHash) {
          throw new VeritrailError(
            'verification_failed',
            `Entry ${hit.seq} of the data trail does not hash to its leaf hash; archive nothing until verify explains why.`,
          )
        }
        content.entries.push({
          seq: hit.seq,
          bytes,
          leafHash: Buffer.from(leafHash, 'base64').toString('hex'),
          ts: entry.ts,
          action: entry.action,
          recordType: r.type,
          recordId: r.id,
        })
      }
      cursor = page.nextCursor
    }
  }
  content.entries = [...new Map(content.entries.map((e) => [e.seq, e])).values()].sort(
    (a, b) => a.seq - b.seq,
  )
  const head = await core.ledger.signedHead('data')
  for (const e of content.entries) {
    const proof = await core.proofs.inclusion('data', e.seq, head.size)
    content.proofs.push({
      seq: e.seq,
      treeSize: proof.treeSize,
      hashes: JSON.stringify(proof.hashes),
    })
  }
  const archiveId = uuidv7()
  const rootHash = Buffer.from(head.rootHash).toString('base64')
  content.meta = {
    format: ARCHIVE_FORMAT,
    archiveId,
    createdAt: isoTime(Date.now()),
    coreVersion: CORE_VERSION,
    installId: core.installId,
    origin: head.origin,
    checkpoint: head.note,
    verifierKey: core.verifierKey,
    records: JSON.stringify(unique),
  }
  const work = mkdtempSync(join(tmpdir(), 'veritrail-archive-'))
  try {
    writeArchiveDatabase(join(work, 'archive.sqlite'), content)
    const files = [
      { name: 'archive.sqlite', bytes: readFileSync(join(work, 'archive.sqlite')) },
      { name: 'entries.csv', bytes: Buffer.from(entriesCsv(content)) },
      { name: 'checkpoint.txt', bytes: Buffer.from(head.note) },
      { name: 'verifier-key.txt', bytes: Buffer.from(`${core.verifierKey}\n`) },
      {
        name: 'README.txt',
        bytes: Buffer.from(
          archiveReadme({
            archiveId,
            records: unique,
            entries: content.entries.length,
            origin: head.origin,
            size: head.size,
            rootHash,
          }),
        ),
      },
    ]
    const sums = formatSums(files.map((f) => ({ path: f.name, sha256: sha256(f.bytes) })))
    const folder = `veritrail-archive-${archiveId}`
    const tar = writeTar(
      [...files, { name: 'SHA256SUMS', bytes: Buffer.from(sums) }].map((f) => ({
        name: `${folder}/${f.name}`,
        bytes: f.bytes,
      })),
    )
    const bytes = await sealBytes(tar, options.recipients, 'none')
    const result: ArchivePackage = {
      archiveId,
      bytes,
      sha256: sha256(bytes),
      records: unique,
      entries: content.entries.length,
      checkpoint: { size: head.size, rootHash },
    }
    await core.recordEvent([
      {
        trail: 'system',
        actor: options.ctx.actor,
        action: 'export',
        correlationId: options.ctx.correlationId,
        client: options.ctx.client,
        ...(options.ctx.session ? { session: options.ctx.session } : {}),
        details: {
          kind: 'archive',
          archiveId,
          records: unique,
          entries: result.entries,
          checkpoint: result.checkpoint,
          sha256: result.sha256,
        },
      },
    ])
    return result
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

function entriesCsv(content: ArchiveContent): string {
  const rows: (string | number | null)[][] = [
    [
      'seq',
      'ts',
      'tz',
      'action',
      'record_type',
      'record_id',
      'version',
      'actor',
      'actor_name',
      'role',
      'reason',
      'changes',
      'leaf_hash_sha256_hex',
    ],
  ]
  for (const e of content.entries) {
    const entry = JSON.parse(e.bytes) as Entry
    rows.push([
      e.seq,
      entry.ts,
      entry.tz,
      entry.action,
      entry.target?.type ?? null,
      entry.target?.id ?? null,
      entry.target?.version ?? null,
      entry.actor.username,
      entry.actor.displayName,
      entry.actor.role,
      entry.reason
        ? [entry.reason.code, entry.reason.label, entry.reason.text].filter(Boolean).join(' — ')
        : null,
      entry.changes ? JSON.stringify(entry.changes) : null,
      e.leafHash,
    ])
  }
  return csv(rows)
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}
