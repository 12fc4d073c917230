import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { VeritrailError } from '../errors.js'
import type { BackupTarget } from '../extension/backup-target.js'
import { SNAPSHOT_MODULE } from '../store/libsql/snapshot.js'
import { offload } from './offload.js'
import type { Fetched } from './fetch.js'
import { DATABASE, SUMS } from './layout.js'
import type { Manifest } from './manifest.js'
import { SEAL_MODULE, type Compression, type Sealed } from './seal.js'
import { verifySet } from './verify-set.js'

/** A database rebuilt from a chain of backup sets. */
export interface RestoredChain {
  dir: string
  databaseFile: string
  /** The sets used, base first. */
  chain: Manifest[]
  /** The chain position restored (the last segment applied). */
  position: number
  /** Trail sizes and roots the manifests say the database has at that position. */
  trails: Manifest['trails']
  /** Signed checkpoints of the chain's sets at or before that position (for `verify --checkpoint`). */
  checkpoints: string[]
}

/** The installation folder on `target` holding set `setId` (searched when not given). */
export async function findSet(
  target: BackupTarget,
  setId: string,
  installId?: string,
): Promise<string> {
  if (installId && (await target.stat(`${installId}/sets/${setId}/${SUMS}`))) return installId
  for await (const o of target.list('')) {
    const m = /^([^/]+)\/sets\/([^/]+)\/SHA256SUMS$/.exec(o.name)
    if (m && m[2] === setId) return m[1]!
  }
  throw new VeritrailError(
    'not_found',
    `The target ${target.id} holds no complete backup set ${setId}.`,
  )
}

/**
 * Rebuilds the database of set `setId` in `dir` (which must not hold a database yet): verifies
 * every set of its chain on the target (hashes, age header, manifests), writes the base database,
 * replays the WAL segments in order up to `position` (default: the set's end) — any segment
 * boundary is a point in time — and restores the checkpoint keys and every attachment. Ends with
 * `PRAGMA integrity_check`. Throws `verification_failed` naming every problem found.
 */
export async function restoreChain(options: {
  target: BackupTarget
  setId: string
  installId?: string
  identities: string[]
  dir: string
  position?: number
  /** Leave `integrity_check` to the caller (a drill runs it beside the ledger verify). */
  skipIntegrity?: boolean
}): Promise<RestoredChain> {
  const { target, identities, dir } = options
  if (existsSync(join(dir, 'veritrail.db'))) {
    throw new VeritrailError(
      'conflict',
      `${dir} already holds a database; restore into an empty folder.`,
    )
  }
  const installId = await findSet(target, options.setId, options.installId)
  const work = join(dir, '.restore-work')
  mkdirSync(work, { recursive: true, mode: 0o700 })
  try {
    // Walk back from the requested set to its base, verifying each set as stored.
    const chain: { manifest: Manifest; fetched: Map<string, Fetched> }[] = []
    for (let id: string | null = options.setId; id !== null;) {
      const checked = await verifySet({
        target,
        installId,
        setId: id,
        identities,
        workDir: work,
        skipDecrypt: true,
      })
      if (!checked.ok || !checked.manifest) {
        throw new VeritrailError(
          'verification_failed',
          `Backup set ${id} on ${target.id} failed verification: ${checked.problems.join(' ')}`,
          { details: { problems: checked.problems } },
        )
      }
      chain.unshift({ manifest: checked.manifest, fetched: checked.fetched })
      id = checked.manifest.kind === 'full' ? null : checked.manifest.previous
      if (chain.length > 100_000)
        throw new VeritrailError(
          'verification_failed',
          'The chain of backup sets does not end in a full set.',
        )
    }
    const base = chain[0]!.manifest
    for (let i = 1; i < chain.length; i++) {
      const m = chain[i]!.manifest
      const prev = chain[i - 1]!.manifest
      if (
        m.generation !== base.generation ||
        m.position.from !== prev.position.to ||
        m.base !== base.id ||
        base.snapshot === 'vacuum'
      ) {
        throw new VeritrailError(
          'verification_failed',
          `Backup set ${m.id} does not continue ${prev.id}: the chain has a gap, so it cannot be restored.`,
        )
      }
    }
    const last = chain.at(-1)!.manifest
    const position = options.position ?? last.position.to
    if (position < base.position.to || position > last.position.to) {
      throw new VeritrailError(
        'validation_failed',
        `Position ${position} is outside this chain (${base.position.to}…${last.position.to}).`,
      )
    }
    const jobs: { src: string; dest: string; compression: Compression; expect: string }[] = []
    const file = (entry: (typeof chain)[number], path: string) => entry.fetched.get(path)!.file
    const dbObject = base.objects.find((o) => o.role === 'database')!
    jobs.push({
      src: file(chain[0]!, DATABASE),
      dest: join(dir, 'veritrail.db'),
      compression: dbObject.compression,
      expect: dbObject.plain.sha256,
    })
    const segments: { file: string; frames: number }[] = []
    let trails = base.trails
    for (const entry of chain.slice(1)) {
      for (const o of entry.manifest.objects.filter(
        (o) => o.role === 'wal' && o.position! <= position,
      )) {
        const dest = join(work, `segment-${o.position}.wal`)
        jobs.push({
          src: file(entry, o.path),
          dest,
          compression: o.compression,
          expect: o.plain.sha256,
        })
        segments.push({ file: dest, frames: o.wal!.frames })
        trails = o.trails ?? trails
      }
    }
    const final = chain.findLast((c) => c.manifest.position.to <= position) ?? chain[0]!
    mkdirSync(join(dir, 'keys'), { recursive: true, mode: 0o700 })
    for (const o of final.manifest.objects.filter((o) => o.role === 'key')) {
      jobs.push({
        src: file(final, o.path),
        dest: join(dir, o.path.slice(0, -'.age'.length)),
        compression: o.compression,
        expect: o.plain.sha256,
      })
    }
    for (const o of final.manifest.objects.filter((o) => o.role === 'attachment')) {
      const sha = o.plain.sha256
      mkdirSync(join(dir, 'attachments', sha.slice(0, 2)), { recursive: true })
      jobs.push({
        src: file(final, o.path),
        dest: join(dir, 'attachments', sha.slice(0, 2), sha),
        compression: o.compression,
        expect: sha,
      })
    }
    const cipherBytes = jobs.reduce((sum, j) => sum + statSync(j.src).size, 0)
    await offload<Sealed[]>(cipherBytes, SEAL_MODULE, 'openSealedFiles', [jobs, identities])
    const dbBytes = statSync(join(dir, 'veritrail.db')).size
    await offload(dbBytes, SNAPSHOT_MODULE, 'replayWal', [join(dir, 'veritrail.db'), segments])
    if (!options.skipIntegrity) await assertIntegrity(join(dir, 'veritrail.db'))
    const checkpoints = chain
      .filter((c) => c.manifest.position.to <= position)
      .flatMap((c) => c.manifest.checkpoints)
    return {
      dir,
      databaseFile: join(dir, 'veritrail.db'),
      chain: chain.map((c) => c.manifest),
      position,
      trails,
      checkpoints,
    }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

/** `PRAGMA integrity_check` of a restored database; `verification_failed` with SQLite's findings. */
export async function assertIntegrity(databaseFile: string): Promise<void> {
  const integrity = await offload<string[]>(
    statSync(databaseFile).size,
    SNAPSHOT_MODULE,
    'integrityCheck',
    [databaseFile],
  )
  if (integrity.join() !== 'ok') {
    throw new VeritrailError(
      'verification_failed',
      `The restored database fails PRAGMA integrity_check: ${integrity.slice(0, 5).join('; ')}`,
    )
  }
}
