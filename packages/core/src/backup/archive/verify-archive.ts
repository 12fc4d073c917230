import { createHash } from 'node:crypto'
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { JsonValue } from '../../canonical/canonical-json.js'
import type { Core } from '../../core.js'
import { VeritrailError } from '../../errors.js'
import { openCheckpoint } from '../../ledger/checkpoint.js'
import type { ActionContext } from '../../ledger/context.js'
import type { Entry } from '../../ledger/entry.js'
import { hashLeaf } from '../../ledger/merkle.js'
import { parseVerifierKey } from '../../ledger/note-keys.js'
import { verifyInclusion } from '../../ledger/verify-proof.js'
import { recordHash } from '../../records/record-hash.js'
import { readArchiveDatabase, type ArchiveContent } from '../../store/libsql/archive-file.js'
import { parseSums } from '../manifest.js'
import { openBytes } from '../seal.js'
import { ARCHIVE_FORMAT } from './create-archive.js'
import { readTar } from './tar.js'

/** What checking an archive package found. */
export interface ArchiveVerification {
  ok: boolean
  archiveId: string | null
  records: { type: string; id: string }[]
  entries: number
  versions: number
  checkpoint: { origin: string; size: number; rootHash: string } | null
  /** The verifier key that signed the checkpoint (publish it with the archive). */
  verifierKey: string | null
  problems: string[]
}

/**
 * Checks a record archive package by its own evidence alone: it decrypts; every file matches
 * SHA256SUMS; the checkpoint is signed by the archive's verifier key (and by one of
 * `trustedKeys` when given); every entry hashes to its leaf hash and its inclusion proof leads
 * to the checkpoint's root; every record version and signature hashes to what its entry recorded.
 * Returns the problems instead of throwing, with the files when asked (`into`).
 */
export async function verifyArchive(
  bytes: Uint8Array,
  identities: string[],
  options: { trustedKeys?: string[]; into?: string } = {},
): Promise<ArchiveVerification> {
  const problems: string[] = []
  const report = (
    content: ArchiveContent | null,
    checkpoint: ArchiveVerification['checkpoint'] = null,
  ): ArchiveVerification => ({
    ok: problems.length === 0,
    archiveId: content?.meta.archiveId ?? null,
    records: content?.meta.records
      ? (JSON.parse(content.meta.records) as { type: string; id: string }[])
      : [],
    entries: content?.entries.length ?? 0,
    versions: content?.versions.length ?? 0,
    checkpoint,
    verifierKey: content?.meta.verifierKey ?? null,
    problems,
  })
  let files: { name: string; bytes: Buffer }[]
  try {
    files = readTar(await openBytes(bytes, identities, 'none'))
  } catch (error) {
    problems.push(`The archive cannot be opened: ${(error as Error).message}`)
    return report(null)
  }
  const byName = new Map(files.map((f) => [f.name.split('/').at(-1)!, f.bytes]))
  const sums = byName.get('SHA256SUMS')
  if (!sums) problems.push('SHA256SUMS is missing.')
  for (const line of sums ? parseSums(sums.toString('utf8')) : []) {
    const file = byName.get(line.path)
    if (!file) problems.push(`${line.path} is missing.`)
    else if (createHash('sha256').update(file).digest('hex') !== line.sha256)
      problems.push(`${line.path} does not match SHA256SUMS: it was altered.`)
  }
  const work = options.into ?? mkdtempSync(join(tmpdir(), 'veritrail-archive-check-'))
  let content: ArchiveContent
  try {
    mkdirSync(work, { recursive: true })
    for (const [name, data] of byName) writeFileSync(join(work, name), data, { mode: 0o644 })
    content = readArchiveDatabase(join(work, 'archive.sqlite'))
  } catch (error) {
    problems.push((error as Error).message)
    if (!options.into) rmSync(work, { recursive: true, force: true })
    return report(null)
  }
  if (!options.into) rmSync(work, { recursive: true, force: true })
  if (content.meta.format !== ARCHIVE_FORMAT)
    problems.push(`The archive format is ${content.meta.format}, not ${ARCHIVE_FORMAT}.`)
  let checkpoint: ArchiveVerification['checkpoint'] = null
  let root: Uint8Array | undefined
  try {
    const own = parseVerifierKey(content.meta.verifierKey!)
    const cp = openCheckpoint(content.meta.checkpoint!, [own], { origin: content.meta.origin! })
    if (options.trustedKeys?.length)
      openCheckpoint(
        content.meta.checkpoint!,
        options.trustedKeys.map((k) => parseVerifierKey(k)),
      )
    checkpoint = {
      origin: cp.origin,
      size: cp.size,
      rootHash: Buffer.from(cp.rootHash).toString('base64'),
    }
    root = cp.rootHash
  } catch (error) {
    problems.push(`The archive's checkpoint is not validly signed: ${(error as Error).message}`)
  }
  const proofs = new Map(content.proofs.map((p) => [p.seq, p]))
  const recorded = new Map<string, string>()
  for (const e of content.entries) {
    const leaf = hashLeaf(Buffer.from(e.bytes))
    if (Buffer.from(leaf).toString('hex') !== e.leafHash) {
      problems.push(`Entry ${e.seq} does not hash to its leaf hash: it was altered.`)
      continue
    }
    const proof = proofs.get(e.seq)
    try {
      if (!proof || !root || proof.treeSize !== checkpoint!.size)
        throw new Error('no proof against the checkpoint')
      verifyInclusion(
        e.seq - 1,
        proof.treeSize,
        leaf,
        (JSON.parse(proof.hashes) as string[]).map((h) => Buffer.from(h, 'base64')),
        root,
      )
    } catch (error) {
      problems.push(`Entry ${e.seq} is not proven in the checkpoint: ${(error as Error).message}`)
    }
    const entry = JSON.parse(e.bytes) as Entry
    if (entry.target?.recordHash)
      recorded.set(
        `${entry.target.type}/${entry.target.id}/${entry.target.version}`,
        entry.target.recordHash,
      )
  }
  const versionHash = new Map<string, string>()
  for (const v of content.versions) {
    const hash = recordHash(
      v.recordType,
      v.recordId,
      v.version,
      v.data === null ? null : (JSON.parse(v.data) as JsonValue),
    )
    const key = `${v.recordType}/${v.recordId}/${v.version}`
    versionHash.set(key, hash)
    if (recorded.get(key) !== hash)
      problems.push(
        `Version ${v.version} of ${v.recordType} ${v.recordId} is not the one its entry recorded.`,
      )
  }
  for (const s of content.signatures) {
    if (versionHash.get(`${s.recordType}/${s.recordId}/${s.recordVersion}`) !== s.recordHash)
      problems.push(`Signature ${s.id} does not bind the archived version.`)
  }
  return report(content, checkpoint)
}

/**
 * Imports a verified archive package as a read-only archive of this installation: its files go to
 * `VERITRAIL_DATA/archives/<archive id>/` (read-only), and a system-trail entry records the
 * import. Its entries are evidence of the system that made them and are never appended to this
 * installation's trails. Refuses (`verification_failed`) an archive with any problem.
 */
export async function importArchive(
  core: Core,
  bytes: Uint8Array,
  identities: string[],
  ctx: ActionContext,
): Promise<ArchiveVerification & { dir: string }> {
  const staging = mkdtempSync(join(core.dataDir, '.archive-import-'))
  try {
    const checked = await verifyArchive(bytes, identities, { into: staging })
    if (!checked.ok)
      throw new VeritrailError(
        'verification_failed',
        `The archive does not verify: ${checked.problems.join(' ')}`,
        { details: { problems: checked.problems } },
      )
    const dir = join(core.dataDir, 'archives', checked.archiveId!)
    if (existsSync(dir))
      throw new VeritrailError('conflict', `Archive ${checked.archiveId} is already imported.`)
    mkdirSync(dir, { recursive: true })
    for (const name of readdirSync(staging)) {
      writeFileSync(join(dir, name), readFileSync(join(staging, name)), { mode: 0o444 })
      chmodSync(join(dir, name), 0o444)
    }
    await core.recordEvent([
      {
        trail: 'system',
        actor: ctx.actor,
        action: 'restore',
        correlationId: ctx.correlationId,
        client: ctx.client,
        ...(ctx.session ? { session: ctx.session } : {}),
        details: {
          kind: 'archive-import',
          archiveId: checked.archiveId!,
          records: checked.records,
          entries: checked.entries,
          checkpoint: checked.checkpoint,
          verifierKey: checked.verifierKey,
        },
      },
    ])
    return { ...checked, dir }
  } finally {
    rmSync(staging, { recursive: true, force: true })
  }
}

/** The archives imported into an installation, read from their own files. */
export function listArchives(
  dataDir: string,
): {
  archiveId: string
  dir: string
  records: { type: string; id: string }[]
  createdAt: string
  origin: string
}[] {
  const root = join(dataDir, 'archives')
  if (!existsSync(root)) return []
  return readdirSync(root).map((id) => {
    const content = readArchiveDatabase(join(root, id, 'archive.sqlite'))
    return {
      archiveId: id,
      dir: join(root, id),
      records: JSON.parse(content.meta.records ?? '[]') as { type: string; id: string }[],
      createdAt: content.meta.createdAt ?? '',
      origin: content.meta.origin ?? '',
    }
  })
}
