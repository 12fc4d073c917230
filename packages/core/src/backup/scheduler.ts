import { Cron } from 'croner'
import { canonicalJson } from '../canonical/canonical-json.js'
import type { Settings } from '../settings/schema.js'
import { listBackups } from '../store/queries/backups.js'
import type { BackupEngine } from './engine.js'

type Schedule = Settings['backup']['schedules'][number]

export interface BackupScheduler {
  /** Re-reads `backup.schedules` now (it is also re-read every `refreshMs`). */
  refresh(): Promise<void>
  stop(): void
}

/**
 * Runs the schedules of the settings (`backup.schedules`: target, kind `full` | `incremental` |
 * `drill`, cron syntax with optional seconds, in the site's time zone) with croner. A run's
 * failure is recorded and alerted by the engine; a run that is due while the previous one of the
 * same schedule is still going, and a schedule whose last due time passed with no backup (the
 * server was down), raise a `backup_missed` alert.
 */
export function startBackupScheduler(
  engine: BackupEngine,
  options: { refreshMs?: number; log?: (line: string) => void } = {},
): BackupScheduler {
  const { core } = engine
  const log = options.log ?? (() => undefined)
  let jobs: Cron[] = []
  let current = ''
  let stopped = false
  const missed = async (schedule: Schedule, message: string) => {
    const ctx = core.systemContext()
    await core.recordEvent(
      [engine.entry(ctx, 'backup', { event: 'missed', ...schedule, message })],
      {
        kind: 'backup_missed',
        severity: 'critical',
        message,
        details: { ...schedule },
      },
    )
  }
  const run = async (schedule: Schedule) => {
    const ctx = core.systemContext()
    if (schedule.kind === 'drill') {
      const [latest] = (
        await engine.list({ target: (await engine.target(schedule.target)).id })
      ).filter((b) => b.status === 'completed')
      if (!latest)
        return missed(
          schedule,
          `The scheduled restore drill of ${schedule.target} found no completed backup to restore.`,
        )
      await engine.drill(latest.id, ctx)
      return
    }
    await engine.run({ target: schedule.target, kind: schedule.kind }, ctx)
  }
  const refresh = async () => {
    const settings = await core.settings.get()
    const text = canonicalJson(settings.backup.schedules) + core.timeZone
    if (text === current || stopped) return
    current = text
    for (const job of jobs) job.stop()
    jobs = settings.backup.schedules.map(
      (schedule) =>
        new Cron(
          schedule.cron,
          {
            timezone: core.timeZone,
            protect: () =>
              void missed(
                schedule,
                `The ${schedule.kind} backup of ${schedule.target} due now did not start: the previous one is still running.`,
              ).catch(log),
            catch: (error) =>
              log(
                `backup schedule ${schedule.cron} ${schedule.kind} ${schedule.target}: ${(error as Error).message}`,
              ),
          },
          () => run(schedule),
        ),
    )
    await checkMissed(engine, settings.backup.schedules, missed)
  }
  const timer = setInterval(() => void refresh().catch(log), options.refreshMs ?? 30_000)
  timer.unref()
  void refresh().catch(log)
  return {
    refresh,
    stop() {
      stopped = true
      clearInterval(timer)
      for (const job of jobs) job.stop()
    },
  }
}

/** A schedule whose last due time passed after the target's newest backup missed that run. */
async function checkMissed(
  engine: BackupEngine,
  schedules: Schedule[],
  missed: (s: Schedule, message: string) => Promise<void>,
): Promise<void> {
  for (const schedule of schedules.filter((s) => s.kind !== 'drill')) {
    const due = new Cron(schedule.cron, {
      timezone: engine.core.timeZone,
      paused: true,
    }).previousRuns(1)[0]
    const target = await engine.target(schedule.target).catch(() => undefined)
    if (!due || !target) continue
    const [latest] = await listBackups(engine.core.store.read.sql, { target: target.id, limit: 1 })
    if (latest && Date.parse(latest.startedAt) < due.getTime() - 60_000) {
      await missed(
        schedule,
        `The ${schedule.kind} backup of ${target.id} due at ${due.toISOString()} did not run; the last one started ${latest.startedAt}.`,
      )
    }
  }
}
