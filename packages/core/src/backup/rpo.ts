import { Cron } from 'croner'
import type { Settings } from '../settings/schema.js'

type Schedule = Settings['backup']['schedules'][number]

const DAY_MS = 86_400_000
/** Long enough to see a monthly schedule run twice. */
const HORIZON_MS = 32 * DAY_MS
/** Due times looked at per schedule (an every-minute cron would have 46,080 in the horizon). */
const MAX_RUNS = 2000

/**
 * The recovery point objective the backup schedules promise: the longest time between two
 * consecutive due backups (full or incremental, of any target) from the last due time before
 * `from` over the next 32 days, in milliseconds. Restore drills take no backup and do not count.
 * `null` when no backup is scheduled.
 *
 * @example
 * scheduledRpoMs([{ target: 'local', kind: 'incremental', cron: '0 * * * *' }], 'UTC') // 3_600_000
 */
export function scheduledRpoMs(
  schedules: readonly Schedule[],
  timeZone: string,
  from: Date = new Date(),
): number | null {
  const backups = schedules.filter((s) => s.kind !== 'drill')
  if (backups.length === 0) return null
  const horizon = from.getTime() + HORIZON_MS
  // A schedule cut off by MAX_RUNS says nothing past its last listed run: stop the window there.
  let end = horizon
  // The window opens at the newest due time at or before `from` of any schedule.
  let start = -Infinity
  const due: number[] = []
  for (const schedule of backups) {
    const cron = new Cron(schedule.cron, { timezone: timeZone, paused: true })
    const previous = cron.previousRuns(1, new Date(from.getTime() + 1))[0]?.getTime()
    const next = cron.nextRuns(MAX_RUNS, from).map((d) => d.getTime())
    if (previous !== undefined) {
      due.push(previous)
      start = Math.max(start, previous)
    }
    due.push(...next.filter((t) => t <= horizon))
    if (next.length === MAX_RUNS && next.at(-1)! < end) end = next.at(-1)!
  }
  const times = [...new Set(due.filter((t) => t >= start && t <= end))].sort((a, b) => a - b)
  if (times.length < 2) return null
  let longest = 0
  for (let i = 1; i < times.length; i++) longest = Math.max(longest, times[i]! - times[i - 1]!)
  return longest
}
