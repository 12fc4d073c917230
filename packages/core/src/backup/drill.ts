import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import type { JsonValue } from '../canonical/canonical-json.js'
import { VeritrailError } from '../errors.js'
import { openCheckpoint } from '../ledger/checkpoint.js'
import type { ActionContext } from '../ledger/context.js'
import { TRAILS, type Trail } from '../ledger/entry.js'
import { parseVerifierKey } from '../ledger/note-keys.js'
import { VERIFY_JOB_MODULE, type verifyJob } from '../verify-job.js'
import { offload } from './offload.js'
import type { BackupEngine } from './engine.js'
import type { Manifest } from './manifest.js'
import { assertIntegrity, restoreChain } from './restore.js'

type VerifyResult = Awaited<ReturnType<typeof verifyJob>>

/** A restore drill's report (R-BK-06), as `POST /api/v1/restore-drills` answers it. */
export interface DrillReport {
  ok: boolean
  backupId: string
  target: string
  /** Recovery time: fetch, decrypt, replay, integrity check and full ledger verify. */
  rtoMs: number
  position: number
  /** What the restored database holds, as the ledger verify recomputed it. */
  trails: Record<Trail, { size: number; rootHash: string }>
  /** What the manifest says the database held at that point. */
  expected: Manifest['trails']
  /** The restored roots equal the set's signed checkpoints, and verify found them consistent. */
  matchesCheckpoint: boolean
  integrity: boolean
  verified: boolean
  problems: string[]
}

/**
 * Restores a backup set into a scratch folder, decrypts and replays it, runs `integrity_check`
 * and the full ledger verify (against the live installation's verifier keys and the set's signed
 * checkpoints), compares the trail sizes and roots with the manifest and the checkpoints, measures
 * the recovery time and records the result in the system trail; a failed drill raises an alert.
 * Nothing of the scratch folder is kept.
 */
export async function restoreDrill(
  engine: BackupEngine,
  backupId: string,
  ctx: ActionContext,
): Promise<DrillReport> {
  const { row } = await engine.backup(backupId)
  if (row.status !== 'completed')
    throw new VeritrailError(
      'validation_failed',
      `Backup ${backupId} is ${row.status}; only a completed backup can be drilled.`,
    )
  const target = await engine.target(row.target)
  return engine.serial(async () => {
    const { site } = engine
    const started = performance.now()
    mkdirSync(join(site.dataDir, 'tmp'), { recursive: true })
    const scratch = mkdtempSync(join(site.dataDir, 'tmp', 'drill-'))
    const problems: string[] = []
    let restored: Awaited<ReturnType<typeof restoreChain>> | undefined
    let verification: VerifyResult | undefined
    try {
      const chain = await restoreChain({
        target,
        setId: backupId,
        installId: site.installId,
        identities: [site.keys.identity],
        dir: scratch,
        skipIntegrity: true,
      })
      const checkpointFile = join(scratch, 'checkpoints.txt')
      writeFileSync(checkpointFile, chain.checkpoints.join('\n'))
      // integrity_check and the ledger verify read the same file: side by side, on two threads.
      const [, verified] = await Promise.all([
        assertIntegrity(chain.databaseFile),
        offload<VerifyResult>(statSync(chain.databaseFile).size, VERIFY_JOB_MODULE, 'verifyJob', [
          { dataDir: scratch, checkpointFile, keys: liveKeys(site.dataDir) },
        ]),
      ])
      restored = chain
      verification = verified
      if (!verification.ok)
        problems.push(
          `The ledger verify of the restored database FAILED: ${describe(verification)}`,
        )
    } catch (error) {
      problems.push((error as Error).message)
    } finally {
      rmSync(scratch, { recursive: true, force: true })
    }
    const rtoMs = Math.round(performance.now() - started)
    const trails = {} as DrillReport['trails']
    for (const trail of TRAILS)
      trails[trail] = verification
        ? { size: verification.trails[trail].size, rootHash: verification.trails[trail].rootHash }
        : { size: 0, rootHash: '' }
    const expected = restored?.trails ?? {
      data: { size: 0, rootHash: '' },
      system: { size: 0, rootHash: '' },
    }
    for (const trail of TRAILS) {
      if (
        restored &&
        verification &&
        (trails[trail].size !== expected[trail].size ||
          trails[trail].rootHash !== expected[trail].rootHash)
      ) {
        problems.push(
          `The restored ${trail} trail (${trails[trail].size} entries) differs from the manifest (${expected[trail].size} entries, root ${expected[trail].rootHash}).`,
        )
      }
    }
    const matchesCheckpoint =
      restored !== undefined &&
      verification?.ok === true &&
      checkpointsMatch(restored.chain.at(-1)!.checkpoints, trails, site.dataDir)
    if (restored && verification?.ok && !matchesCheckpoint)
      problems.push(
        'The restored trail roots do not equal the signed checkpoints of the backup set.',
      )
    const report: DrillReport = {
      ok: problems.length === 0,
      backupId,
      target: target.id,
      rtoMs,
      position: restored?.position ?? row.position,
      trails,
      expected,
      matchesCheckpoint,
      integrity: restored !== undefined,
      verified: verification?.ok === true,
      problems,
    }
    const details = { ...report } as unknown as Record<string, JsonValue>
    await engine.core.recordEvent(
      [engine.entry(ctx, 'restore_drill', details)],
      report.ok
        ? undefined
        : {
            kind: 'backup_failed',
            severity: 'critical',
            message: `The restore drill of backup ${backupId} FAILED: ${problems[0]}`,
            details: { backupId, target: target.id },
          },
    )
    return report
  })
}

/** Verifier keys of the live installation, as strings (`keys/*.pub`). */
function liveKeys(dataDir: string): string[] {
  const dir = join(dataDir, 'keys')
  return readdirSync(dir)
    .filter((f) => f.endsWith('.pub'))
    .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n'))
    .map((l) => l.trim())
    .filter((l) => l !== '')
}

/** Every checkpoint of the set opens with a live key and names the restored size and root. */
function checkpointsMatch(
  notes: string[],
  trails: DrillReport['trails'],
  dataDir: string,
): boolean {
  const verifiers = liveKeys(dataDir).map((k) => parseVerifierKey(k))
  if (notes.length === 0) return false
  return notes.every((note) => {
    try {
      const cp = openCheckpoint(note, verifiers)
      const trail = cp.origin.split('/').at(-1) as Trail
      return (
        trails[trail]?.size === cp.size &&
        trails[trail].rootHash === Buffer.from(cp.rootHash).toString('base64')
      )
    } catch {
      return false
    }
  })
}

function describe(v: VerifyResult): string {
  return TRAILS.map((t) => {
    const r = v.trails[t] as {
      size: number
      firstBadSeq?: number
      problem?: string
      problems?: string[]
    }
    return r.firstBadSeq !== undefined
      ? `${t} trail first bad seq ${r.firstBadSeq} (${r.problem})`
      : (r.problems ?? []).join(' ')
  })
    .filter((s) => s)
    .join('; ')
}
