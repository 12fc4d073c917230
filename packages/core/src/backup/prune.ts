import { VeritrailError } from '../errors.js'
import { isoTime } from '../ledger/clock.js'
import type { ActionContext } from '../ledger/context.js'
import { markPruned } from '../store/operational/backups.js'
import { completedBackups } from '../store/queries/backups.js'
import type { BackupEngine } from './engine.js'
import { SUMS, setFolder } from './layout.js'
import { parseManifest } from './manifest.js'
import { retentionPlan, type RetentionPlan } from './retention.js'
import { targetError } from './upload.js'

/** What a prune did (or, as a preview, would do). */
export interface PruneReport {
  target: string
  dryRun: boolean
  keep: RetentionPlan['keep']
  pruned: string[]
  /** Objects removed from the target. */
  objects: number
}

/**
 * Applies the retention settings to one target: a separate, audited operation (never part of a
 * backup), possible only on a target whose credentials may delete (`capabilities.deletes`). It
 * removes whole sets the plan does not keep — SHA256SUMS first, so a half-removed set is never
 * mistaken for a complete one — marks them `pruned` in the catalog and records a `backup_prune`
 * entry naming the reason, the policy, and every set removed and kept. Shared attachment objects
 * are never removed. `dryRun` previews the plan and changes nothing.
 */
export async function pruneTarget(
  engine: BackupEngine,
  targetId: string,
  ctx: ActionContext,
  options: { reason: string; dryRun?: boolean; now?: number },
): Promise<PruneReport> {
  const target = await engine.target(targetId)
  if (!options.reason?.trim()) {
    throw new VeritrailError('reason_required', 'Pruning backups needs a reason.', {
      errors: [{ path: 'reason', message: 'A reason is required.' }],
    })
  }
  if (!target.prune) {
    throw new VeritrailError(
      'forbidden',
      `The backup target ${target.id} cannot delete: its credentials (or its storage) do not allow it. Expired sets are removed by the storage's own lifecycle.`,
    )
  }
  return engine.serial(async () => {
    const policy = (await engine.core.settings.get()).backup.retention
    const rows = (await completedBackups(engine.core.store.read.sql, target.id)).filter(
      (r) => r.manifest,
    )
    const manifests = rows.map((r) => parseManifest(r.manifest!))
    const plan = retentionPlan(
      manifests.map((m) => ({
        id: m.id,
        kind: m.kind,
        createdAt: m.createdAt,
        previous: m.previous,
      })),
      policy,
      options.now ?? Date.now(),
    )
    const report: PruneReport = {
      target: target.id,
      dryRun: options.dryRun === true,
      keep: plan.keep,
      pruned: [],
      objects: 0,
    }
    if (options.dryRun) return report
    let failure: unknown
    for (const m of manifests.filter((m) => plan.prune.includes(m.id))) {
      const folder = `${setFolder(m.installId, m.id)}/`
      try {
        await target.prune!(`${folder}${SUMS}`)
        report.objects++
        for await (const o of target.list(folder)) {
          await target.prune!(o.name)
          report.objects++
        }
        report.pruned.push(m.id)
      } catch (error) {
        failure = targetError(target, `pruning set ${m.id}`, error)
        break
      }
    }
    await engine.core.ledger.commit(async (tx) => {
      await markPruned(tx, report.pruned, isoTime(Date.now()))
      const details = {
        target: target.id,
        reason: options.reason.trim(),
        policy: { ...policy },
        pruned: report.pruned,
        kept: plan.keep.map((k) => k.id),
        objects: report.objects,
        ...(failure ? { error: (failure as Error).message } : {}),
      }
      return { entries: [engine.entry(ctx, 'backup_prune', details)], result: () => undefined }
    })
    if (failure) throw failure
    return report
  })
}
