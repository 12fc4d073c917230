/** A backup as `GET /api/v1/backups` lists it: the fields the charts read. */
export interface CatalogBackup {
  id: string
  kind: 'full' | 'incremental'
  status: 'running' | 'completed' | 'failed' | 'pruned'
  bytes: number | null
  startedAt: string
  finishedAt: string | null
}

/** Sizes of the good backups by finish time (ms); each kind is its own series, null elsewhere. */
export interface SizeSeries {
  times: number[]
  full: (number | null)[]
  incremental: (number | null)[]
}

/**
 * The data-loss window over time (ms). At each good backup: the time since the previous one
 * (what a loss just before it would have cost). At `now`: the age of the newest good backup.
 * The target is the longest gap the schedules allow, on every point (a level line).
 */
export interface RpoSeries {
  times: number[]
  window: (number | null)[]
  current: (number | null)[]
  target: (number | null)[]
  /** Age of the newest good backup at `now`; null when there is none. */
  currentAgeMs: number | null
  /** The longest window so far, the current one included. */
  worstMs: number | null
}

/**
 * Backups that held the data when they finished, oldest first: completed ones, and pruned ones
 * (removed later by retention, but good when taken). Failed and running ones protect nothing.
 */
export function goodBackups(backups: readonly CatalogBackup[]): (CatalogBackup & { at: number })[] {
  return backups
    .filter((b) => (b.status === 'completed' || b.status === 'pruned') && b.finishedAt)
    .map((b) => ({ ...b, at: Date.parse(b.finishedAt!) }))
    .filter((b) => !Number.isNaN(b.at))
    .sort((a, b) => a.at - b.at)
}

export function sizeSeries(backups: readonly CatalogBackup[]): SizeSeries {
  const good = goodBackups(backups).filter((b) => b.bytes !== null)
  return {
    times: good.map((b) => b.at),
    full: good.map((b) => (b.kind === 'full' ? b.bytes : null)),
    incremental: good.map((b) => (b.kind === 'incremental' ? b.bytes : null)),
  }
}

export function rpoSeries(
  backups: readonly CatalogBackup[],
  now: number,
  targetMs: number | null,
): RpoSeries {
  const good = goodBackups(backups)
  const times: number[] = []
  const window: (number | null)[] = []
  for (let i = 0; i < good.length; i++) {
    times.push(good[i]!.at)
    window.push(i === 0 ? null : good[i]!.at - good[i - 1]!.at)
  }
  const last = good.at(-1)
  const currentAgeMs = last ? Math.max(0, now - last.at) : null
  const current: (number | null)[] = window.map(() => null)
  if (last && now > last.at) {
    times.push(now)
    window.push(null)
    current.push(currentAgeMs)
  } else if (last) {
    current[current.length - 1] = currentAgeMs
  }
  const all = [...window, currentAgeMs].filter((v): v is number => v !== null)
  return {
    times,
    window,
    current,
    target: times.map(() => targetMs),
    currentAgeMs,
    worstMs: all.length > 0 ? Math.max(...all) : null,
  }
}

export type DurationUnit = 'd' | 'h' | 'min' | 's'
const UNIT_MS: Record<DurationUnit, number> = { d: 86_400_000, h: 3_600_000, min: 60_000, s: 1000 }

/** The unit a chart axis of durations up to `maxMs` reads best in. */
export function axisUnit(maxMs: number): DurationUnit {
  if (maxMs >= 3 * UNIT_MS.d) return 'd'
  if (maxMs >= 2 * UNIT_MS.h) return 'h'
  if (maxMs >= 2 * UNIT_MS.min) return 'min'
  return 's'
}

/** How much of a time to show on an axis spanning `spanMs`: seconds, minutes or days. */
export function timeDetail(spanMs: number): 'seconds' | 'minutes' | 'days' {
  if (spanMs < 10 * UNIT_MS.min) return 'seconds'
  if (spanMs < 7 * UNIT_MS.d) return 'minutes'
  return 'days'
}

export const inUnit = (ms: number, unit: DurationUnit) => ms / UNIT_MS[unit]

/** `2 d 3 h`, `3 h 12 min`, `45 s`: the two largest units of a duration, rounded down. */
export function durationParts(ms: number): { unit: DurationUnit; n: number }[] {
  const units: DurationUnit[] = ['d', 'h', 'min', 's']
  let rest = Math.max(0, Math.floor(ms))
  const parts: { unit: DurationUnit; n: number }[] = []
  for (const unit of units) {
    const n = Math.floor(rest / UNIT_MS[unit])
    rest -= n * UNIT_MS[unit]
    if (n > 0 || parts.length > 0) parts.push({ unit, n })
    if (parts.length === 2) break
  }
  const shown = parts.filter((p, i) => i === 0 || p.n > 0)
  return shown.length > 0 ? shown : [{ unit: 's', n: 0 }]
}
