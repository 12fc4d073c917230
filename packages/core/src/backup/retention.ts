/** The retention settings (`backup.retention`, CONTRACT §8). */
export interface RetentionPolicy {
  /** Keep the newest set of each of the last N hours that have one. */
  hourly: number
  daily: number
  monthly: number
  /** Never delete a set younger than this many days (the retention lock). */
  lockDays: number
}

/** A completed set as retention sees it. */
export interface RetainedSet {
  id: string
  kind: 'full' | 'incremental'
  /** ISO time the set was made. */
  createdAt: string
  /** The set an incremental continues; null for a full set. */
  previous: string | null
}

export interface RetentionPlan {
  keep: { id: string; why: string[] }[]
  prune: string[]
}

const DAY = 24 * 60 * 60 * 1000

/**
 * Tiered retention (grandfather-father-son): the newest set of each of the last `hourly` hours,
 * `daily` days and `monthly` months that have sets; every set inside the retention lock; the
 * newest set always; and everything a kept set needs to be restored (its chain back to the full
 * set). Only what remains may be pruned. Pure: same sets, policy and time, same plan.
 */
export function retentionPlan(
  sets: RetainedSet[],
  policy: RetentionPolicy,
  now: number,
): RetentionPlan {
  const why = new Map<string, string[]>()
  const keep = (id: string, reason: string) => why.set(id, [...(why.get(id) ?? []), reason])
  const newest = [...sets].sort((a, b) =>
    a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? 1 : -1,
  )
  if (newest[0]) keep(newest[0].id, 'newest')
  for (const s of newest)
    if (Date.parse(s.createdAt) > now - policy.lockDays * DAY)
      keep(s.id, `inside the ${policy.lockDays}-day retention lock`)
  const tiers: [string, number, (iso: string) => string][] = [
    ['hourly', policy.hourly, (t) => t.slice(0, 13)],
    ['daily', policy.daily, (t) => t.slice(0, 10)],
    ['monthly', policy.monthly, (t) => t.slice(0, 7)],
  ]
  for (const [tier, count, bucket] of tiers) {
    const seen = new Set<string>()
    for (const s of newest) {
      const b = bucket(s.createdAt)
      if (seen.has(b)) continue
      if (seen.size >= count) break
      seen.add(b)
      keep(s.id, `${tier} ${b}`)
    }
  }
  const byId = new Map(sets.map((s) => [s.id, s]))
  for (const id of [...why.keys()]) {
    for (let s = byId.get(id); s?.previous; s = byId.get(s.previous))
      keep(s.previous, `needed to restore ${id}`)
  }
  return {
    keep: newest.filter((s) => why.has(s.id)).map((s) => ({ id: s.id, why: why.get(s.id)! })),
    prune: newest.filter((s) => !why.has(s.id)).map((s) => s.id),
  }
}
