import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { createHash } from 'node:crypto'
import { CORE_VERSION } from '../core.js'
import { VeritrailError } from '../errors.js'
import type { BackupTarget } from '../extension/backup-target.js'
import { isoTime } from '../ledger/clock.js'
import { allAttachments, schemaVersion, type BackupRow } from '../store/queries/backups.js'
import { SNAPSHOT_MODULE } from '../store/libsql/snapshot.js'
import { connectReadOnly } from '../store/libsql/connect.js'
import { LibsqlReads } from '../store/libsql/reads.js'
import { TRAILS } from '../ledger/entry.js'
import { offload } from './offload.js'
import type { BackupSite } from './site.js'
import {
  CHECKPOINTS,
  DATABASE,
  MANIFEST,
  RESTORE_TEXT,
  SUMS,
  attachmentPath,
  keyPath,
  objectName,
  setFolder,
  walPath,
} from './layout.js'
import {
  MANIFEST_FORMAT,
  formatSums,
  parseManifest,
  type Manifest,
  type ManifestObject,
} from './manifest.js'
import { restoreText } from './restore-text.js'
import { SEAL_MODULE, sealBytes, type Compression, type SealSource, type Sealed } from './seal.js'
import { pinnedFd } from '../store/libsql/pinned-file.js'
import { putVerified } from './upload.js'
import type { ChainPoint, SpooledSegment } from './wal-chain.js'

/** What to build: a chain base, a standalone `VACUUM INTO` snapshot, or the segments since `head`. */
export type SetPlan =
  | { kind: 'full'; snapshot: 'page-copy' | 'vacuum'; promoted?: string }
  | {
      kind: 'incremental'
      head: BackupRow
      headManifest: Manifest
      point: ChainPoint
      segments: SpooledSegment[]
    }

/** A staged object: sealed on local disk (or in memory), waiting to be stored. */
interface Staged {
  object: ManifestObject
  source: { file: string } | { bytes: Uint8Array }
  /** Already on the target (an attachment stored by an earlier set). */
  stored?: boolean
}

/**
 * Builds one backup set and stores it on `target`: seals (compresses, encrypts) the database or
 * the WAL segments, every attachment not yet on the target and the checkpoint keys, then the
 * manifest, checkpoints.txt, RESTORE.txt and — last, marking the set complete — SHA256SUMS.
 * Every object is read back and hash-checked. Throws on any failure; whatever was stored stays
 * without SHA256SUMS, which readers treat as no set at all.
 */
export async function buildSet(
  site: BackupSite,
  target: BackupTarget,
  id: string,
  plan: SetPlan,
  known: Map<string, ManifestObject>,
): Promise<{ manifest: Manifest; bytes: number; sha256: string }> {
  const staging = join(site.dataDir, 'tmp', `backup-${id}`)
  mkdirSync(staging, { recursive: true, mode: 0o700 })
  try {
    const staged: Staged[] = []
    let point: ChainPoint
    if (plan.kind === 'full') {
      point = await stageDatabase(site, plan.snapshot, join(staging, DATABASE), staged)
    } else {
      point = plan.point
      const sealed = await sealFiles(
        site,
        plan.segments.map((s) => ({
          src: s.file,
          dest: join(staging, `wal-${s.point.position}`),
          compression: 'zstd' as const,
        })),
      )
      plan.segments.forEach((s, i) => {
        if (sealed[i]!.plain.sha256 !== s.wal.sha256)
          throw new VeritrailError(
            'internal',
            `Spooled WAL segment ${s.point.position} changed on disk.`,
          )
        staged.push({
          object: {
            path: walPath(s.point.position),
            role: 'wal',
            compression: 'zstd',
            ...sealed[i]!,
            position: s.point.position,
            wal: {
              salt1: s.wal.salt1,
              salt2: s.wal.salt2,
              frames: s.wal.frames,
              pageSize: s.wal.pageSize,
              truncated: s.wal.truncated,
            },
            trails: s.point.trails,
          },
          source: { file: join(staging, `wal-${s.point.position}`) },
        })
      })
    }
    await stageAttachments(site, target, staging, staged, known)
    await stageKeys(site, staged)
    const installs = await site.store.read.installs()
    const manifest: Manifest = {
      format: MANIFEST_FORMAT,
      id,
      kind: plan.kind,
      ...(plan.kind === 'full' ? { snapshot: plan.snapshot } : {}),
      createdAt: isoTime(Date.now()),
      installId: site.installId,
      epoch: installs.at(-1)?.epoch ?? 1,
      coreVersion: CORE_VERSION,
      schema: await schemaVersion(site.store.read.sql),
      target: target.id,
      generation: point.generation,
      position:
        plan.kind === 'full'
          ? { from: point.position, to: point.position }
          : { from: plan.headManifest.position.to, to: point.position },
      base: plan.kind === 'full' ? id : plan.headManifest.base,
      previous: plan.kind === 'full' ? null : plan.head.id,
      ...(plan.kind === 'full' && plan.promoted ? { promoted: plan.promoted } : {}),
      recipients: site.keys.recipients,
      trails: point.trails,
      checkpoints: point.checkpoints,
      objects: staged.map((s) => s.object),
    }
    parseManifest(JSON.stringify(manifest))
    const folder = setFolder(site.installId, id)
    const manifestBytes = await sealBytes(
      Buffer.from(JSON.stringify(manifest, null, 2)),
      site.keys.recipients,
      'none',
    )
    const plain = (path: string, text: string) => ({ path, bytes: Buffer.from(text) })
    const extras = [
      { path: MANIFEST, bytes: manifestBytes },
      plain(CHECKPOINTS, point.checkpoints.join('\n')),
      plain(RESTORE_TEXT, restoreText(manifest)),
    ]
    const sums = formatSums([
      ...staged.map((s) => ({ path: s.object.path, sha256: s.object.cipher.sha256 })),
      ...extras.map((e) => ({ path: e.path, sha256: sha256(e.bytes) })),
    ])
    let bytes = 0
    for (const s of staged) {
      bytes += s.object.cipher.bytes
      if (s.stored) continue
      const name = objectName(folder, s.object.path)
      await putVerified(
        target,
        'file' in s.source ? { name, file: s.source.file } : { name, bytes: s.source.bytes },
        s.object.cipher.sha256,
      )
    }
    for (const e of [...extras, plain(SUMS, sums)]) {
      bytes += e.bytes.length
      await putVerified(
        target,
        { name: objectName(folder, e.path), bytes: e.bytes },
        sha256(e.bytes),
      )
    }
    return { manifest, bytes, sha256: sha256(Buffer.from(sums)) }
  } finally {
    rmSync(staging, { recursive: true, force: true })
  }
}

/** The database object: a page-identical copy at a chain point, or a `VACUUM INTO` snapshot. */
async function stageDatabase(
  site: BackupSite,
  snapshot: 'page-copy' | 'vacuum',
  dest: string,
  staged: Staged[],
): Promise<ChainPoint> {
  const object = (sealed: Sealed): ManifestObject => ({
    path: DATABASE,
    role: 'database',
    compression: 'zstd',
    ...sealed,
  })
  if (snapshot === 'page-copy') {
    return site.chain.withBase(async (point, databaseFile) => {
      // Through the pinned descriptor: opening and closing the live file would drop SQLite's locks.
      const src = { fd: pinnedFd(databaseFile), bytes: statSync(databaseFile).size }
      const [sealed] = await sealFiles(site, [{ src, dest, compression: 'zstd' }])
      staged.push({ object: object(sealed!), source: { file: dest } })
      return point
    })
  }
  const copy = `${dest}.sqlite`
  await offload(statSync(site.chain.databaseFile).size, SNAPSHOT_MODULE, 'vacuumInto', [
    site.chain.databaseFile,
    copy,
  ])
  const point = await snapshotPoint(site, copy)
  const [sealed] = await sealFiles(site, [{ src: copy, dest, compression: 'zstd' }])
  rmSync(copy, { force: true })
  staged.push({ object: object(sealed!), source: { file: dest } })
  return point
}

/** A standalone snapshot belongs to no WAL generation; its trails are read from the copy itself. */
async function snapshotPoint(site: BackupSite, file: string): Promise<ChainPoint> {
  const db = await connectReadOnly(`file:${file}`)
  try {
    const reads = new LibsqlReads(db)
    const trails = {} as ChainPoint['trails']
    const checkpoints: string[] = []
    for (const trail of TRAILS) {
      const head = await site.ledger.signedHead(trail, reads)
      trails[trail] = { size: head.size, rootHash: Buffer.from(head.rootHash).toString('base64') }
      checkpoints.push(head.note)
    }
    return { generation: 'standalone', position: 0, at: isoTime(Date.now()), trails, checkpoints }
  } finally {
    db.close()
  }
}

/** Every attachment: sealed and staged when the target does not hold it yet. */
async function stageAttachments(
  site: BackupSite,
  target: BackupTarget,
  staging: string,
  staged: Staged[],
  known: Map<string, ManifestObject>,
): Promise<void> {
  const folder = setFolder(site.installId, 'x')
  const todo: { sha256: string; src: string; dest: string }[] = []
  for (const a of await allAttachments(site.store.read.sql)) {
    const path = attachmentPath(a.sha256)
    const previous = known.get(a.sha256)
    if (previous && (await target.stat(objectName(folder, path)))?.size === previous.cipher.bytes) {
      staged.push({ object: previous, source: { bytes: new Uint8Array() }, stored: true })
      continue
    }
    const src = site.attachmentFile(a.sha256)
    if (!existsSync(src))
      throw new VeritrailError(
        'unreadable',
        `The attachment ${a.sha256} is missing from ${src}; the backup stopped.`,
      )
    todo.push({ sha256: a.sha256, src, dest: join(staging, `att-${a.sha256}`) })
  }
  const sealed = await sealFiles(
    site,
    todo.map((t) => ({ src: t.src, dest: t.dest, compression: 'zstd' as const })),
  )
  todo.forEach((t, i) => {
    if (sealed[i]!.plain.sha256 !== t.sha256)
      throw new VeritrailError(
        'verification_failed',
        `The attachment ${t.sha256} no longer hashes to its name; the backup stopped.`,
      )
    staged.push({
      object: {
        path: attachmentPath(t.sha256),
        role: 'attachment',
        compression: 'zstd',
        ...sealed[i]!,
      },
      source: { file: t.dest },
    })
  })
}

/** The checkpoint signing key and verifier keys (never the backup identity itself). */
async function stageKeys(site: BackupSite, staged: Staged[]): Promise<void> {
  const dir = join(site.dataDir, 'keys')
  const files = readdirSync(dir)
    .filter((f) => f === 'checkpoint.key' || f.endsWith('.pub'))
    .sort()
  for (const file of files) {
    const plain = readFileSync(join(dir, file))
    const bytes = await sealBytes(plain, site.keys.recipients, 'none')
    staged.push({
      object: {
        path: keyPath(file),
        role: 'key',
        compression: 'none',
        plain: { sha256: sha256(plain), bytes: plain.length },
        cipher: { sha256: sha256(bytes), bytes: bytes.length },
      },
      source: { bytes },
    })
  }
}

/** Seals files in one worker thread (long work off the event loop, ARCHITECTURE §5). */
function sealFiles(
  site: BackupSite,
  jobs: { src: SealSource; dest: string; compression: Compression }[],
): Promise<Sealed[]> {
  if (jobs.length === 0) return Promise.resolve([])
  const bytes = jobs.reduce(
    (sum, j) => sum + (typeof j.src === 'string' ? statSync(j.src).size : j.src.bytes),
    0,
  )
  return offload<Sealed[]>(bytes, SEAL_MODULE, 'sealFiles', [jobs, site.keys.recipients])
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}
