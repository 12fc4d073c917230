import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { userInfo } from 'node:os'
import { join } from 'node:path'
import { alertRow } from '../alerts/alerts.js'
import { SYSTEM_ACTOR } from '../core.js'
import { VeritrailError } from '../errors.js'
import type { BackupTarget } from '../extension/backup-target.js'
import { openCheckpoint } from '../ledger/checkpoint.js'
import { hostTimeZone } from '../ledger/clock.js'
import { TRAILS, type Trail } from '../ledger/entry.js'
import {
  CHECKPOINT_KEY_FILE,
  CHECKPOINT_PUB_FILE,
  loadOrCreateCheckpointKey,
  readVerifierKeys,
} from '../ledger/keys.js'
import { Ledger } from '../ledger/ledger.js'
import type { VerifierKey } from '../ledger/note.js'
import { openStore } from '../store/store.js'
import { splitNotes, verifyDataDir } from '../verify-data.js'
import { CHECKPOINTS } from './layout.js'
import { readObject } from './upload.js'
import { findSet, restoreChain, type RestoredChain } from './restore.js'

/** What `veritrail backup restore` did. */
export interface InstallationRestore {
  dir: string
  backupId: string
  position: number
  trails: RestoredChain['trails']
  /** A new epoch was started (the point is older than a published checkpoint, or it was asked for). */
  newEpoch: boolean
  installId: string
  epoch: number
  /** The old epoch's last published checkpoints, cited by the new epoch (empty without one). */
  cites: string[]
  verified: boolean
}

/**
 * `veritrail backup restore ID --to DIR` (CONTRACT §9): rebuilds the installation of a backup set
 * in an empty folder — database, checkpoint keys, attachments — and records the restore as the
 * first system entry after the restored point. When a checkpoint published for this installation
 * (held on the target, or given in `published`) covers more entries than the restored trails,
 * the restore starts a new epoch: a new install id and checkpoint origin and key, an `installs`
 * row citing the old epoch's last checkpoints, the `restore` entry citing them too, and a
 * `restore_epoch` alert — the log never silently forks. Ends with the full ledger verify.
 */
export async function restoreInstallation(options: {
  target: BackupTarget
  setId: string
  installId?: string
  identities: string[]
  to: string
  position?: number
  /** Signed checkpoints held elsewhere (a file of notes), also counted as published. */
  published?: string[]
  /** Start a new epoch even when no published checkpoint is newer. */
  forceNewEpoch?: boolean
  /** Who ran the restore (default: the operating-system user). */
  operator?: string
}): Promise<InstallationRestore> {
  const oldInstall = await findSet(options.target, options.setId, options.installId)
  const restored = await restoreChain({ ...options, installId: oldInstall, dir: options.to })
  const keysDir = join(options.to, 'keys')
  const verifiers = readVerifierKeys(keysDir)
  const published = latestPublished(
    [...(await publishedOnTarget(options.target, oldInstall)), ...(options.published ?? [])],
    verifiers,
    oldInstall,
  )
  const older = TRAILS.filter((t) => (published[t]?.size ?? 0) > restored.trails[t].size)
  const newEpoch = options.forceNewEpoch === true || older.length > 0
  const cites = newEpoch ? TRAILS.flatMap((t) => (published[t] ? [published[t].note] : [])) : []
  const installId = newEpoch ? `vt-${randomBytes(6).toString('hex')}` : oldInstall
  if (newEpoch) {
    // The old origin's key never signs again; its verifier key stays for the old checkpoints.
    renameSync(join(keysDir, CHECKPOINT_PUB_FILE), join(keysDir, `checkpoint-${oldInstall}.pub`))
    rmSync(join(keysDir, CHECKPOINT_KEY_FILE), { force: true })
  } else if (!existsSync(join(keysDir, CHECKPOINT_KEY_FILE))) {
    throw new VeritrailError(
      'unreadable',
      'The backup set holds no checkpoint key; restore it with a new epoch.',
    )
  }
  const key = loadOrCreateCheckpointKey(keysDir, installId)
  const store = await openStore(`file:${restored.databaseFile}`)
  let epoch = 0
  try {
    const installs = await store.read.installs()
    epoch = (installs.at(-1)?.epoch ?? 0) + (newEpoch ? 1 : 0)
    const ledger = await Ledger.open({
      store,
      installId,
      signer: key.signer,
      timeZone: hostTimeZone,
      systemActor: SYSTEM_ACTOR,
    })
    const details = {
      backupId: options.setId,
      target: options.target.id,
      position: restored.position,
      generation: restored.chain[0]!.generation,
      sets: restored.chain.map((m) => m.id),
      trails: restored.trails,
      operator: options.operator ?? userInfo().username,
      epoch,
      installId,
      ...(newEpoch ? { previousInstallId: oldInstall, cites, olderThanPublished: older } : {}),
    }
    await ledger.commit(async () => ({
      entries: [
        {
          trail: 'system',
          actor: SYSTEM_ACTOR,
          action: 'restore',
          correlationId: randomBytes(16).toString('hex'),
          client: { ip: '', userAgent: 'veritrail backup restore' },
          details,
        },
      ],
      rows: (committed) =>
        newEpoch
          ? {
              installs: [
                { epoch, installId, ts: committed[0]!.ts, cites: cites.join('\n') || null },
              ],
              alerts: [
                alertRow(
                  {
                    kind: 'restore_epoch',
                    severity: 'critical',
                    message: `Restored backup ${options.setId} to a point older than the latest published checkpoint: epoch ${epoch} (${installId}) begins and cites the old epoch's last checkpoint.`,
                    details: {
                      backupId: options.setId,
                      previousInstallId: oldInstall,
                      installId,
                      epoch,
                    },
                  },
                  committed[0]!,
                ).row,
              ],
            }
          : {},
      result: () => undefined,
    }))
    await ledger.close()
  } finally {
    await store.close()
  }
  const report = await verifyDataDir({ dataDir: options.to })
  if (!report.ok)
    throw new VeritrailError(
      'verification_failed',
      `The restored installation in ${options.to} does not verify.`,
    )
  return {
    dir: options.to,
    backupId: options.setId,
    position: restored.position,
    trails: restored.trails,
    newEpoch,
    installId,
    epoch,
    cites,
    verified: true,
  }
}

/** Every checkpoints.txt of the installation's complete sets on the target. */
async function publishedOnTarget(target: BackupTarget, installId: string): Promise<string[]> {
  const notes: string[] = []
  for await (const o of target.list(`${installId}/sets/`)) {
    if (!o.name.endsWith(`/${CHECKPOINTS}`)) continue
    const folder = o.name.slice(0, -CHECKPOINTS.length)
    if (!(await target.stat(`${folder}SHA256SUMS`))) continue
    const text = await readObject(target, o.name)
    if (text) notes.push(...splitNotes(text.toString('utf8')))
  }
  return notes
}

/** The largest validly signed checkpoint of each trail of `installId`'s origin. */
function latestPublished(
  notes: string[],
  verifiers: VerifierKey[],
  installId: string,
): Partial<Record<Trail, { size: number; note: string }>> {
  const latest: Partial<Record<Trail, { size: number; note: string }>> = {}
  for (const note of notes) {
    for (const trail of TRAILS) {
      try {
        const cp = openCheckpoint(note, verifiers, { origin: `${installId}/${trail}` })
        if (cp.size > (latest[trail]?.size ?? -1)) latest[trail] = { size: cp.size, note }
      } catch {
        // another trail's or another installation's checkpoint, or not signed by a known key
      }
    }
  }
  return latest
}

/** Reads a file of signed checkpoints (`--checkpoint FILE`). */
export function readPublished(file: string): string[] {
  return splitNotes(readFileSync(file, 'utf8'))
}
