import { describe, expect, it } from 'vitest'
import { retentionPlan, type RetainedSet } from './retention.js'

const H = 60 * 60 * 1000
const now = Date.parse('2026-11-22T12:30:00Z')

/** A full set every day at 02:00 and an incremental every hour, for `days` days back. */
function history(days: number): RetainedSet[] {
  const sets: RetainedSet[] = []
  let previous: string | null = null
  for (let t = now - days * 24 * H; t <= now; t += H) {
    const iso = new Date(t).toISOString()
    const full = iso.slice(11, 13) === '02'
    const id = `${full ? 'F' : 'I'}${iso}`
    sets.push({
      id,
      kind: full ? 'full' : 'incremental',
      createdAt: iso,
      previous: full ? null : previous,
    })
    previous = id
  }
  return sets
}

describe('retentionPlan', () => {
  it('keeps hourly, daily and monthly points, the lock window and every chain a kept point needs', () => {
    const sets = history(70)
    const plan = retentionPlan(sets, { hourly: 6, daily: 10, monthly: 3, lockDays: 1 }, now)
    const kept = new Set(plan.keep.map((k) => k.id))
    expect(plan.prune.length + kept.size).toBe(sets.length)
    // Nothing inside the retention lock is ever pruned.
    for (const id of plan.prune)
      expect(Date.parse(sets.find((s) => s.id === id)!.createdAt)).toBeLessThanOrEqual(now - 24 * H)
    // Every kept set can be restored: its chain back to a full set is kept.
    const byId = new Map(sets.map((s) => [s.id, s]))
    for (const id of kept) {
      let s = byId.get(id)!
      while (s.previous) {
        expect(kept.has(s.previous), `${id} needs ${s.previous}`).toBe(true)
        s = byId.get(s.previous)!
      }
      expect(s.kind).toBe('full')
    }
    // Three months back the monthly tier keeps the newest set of that month.
    expect(plan.keep.find((k) => k.why.some((w) => w === 'monthly 2026-09'))?.id).toBe(
      'I2026-09-30T23:30:00.000Z',
    )
    expect(plan.prune.length).toBeGreaterThan(1000)
  })

  it('keeps everything while the lock covers it, and always the newest set', () => {
    const sets = history(3)
    expect(
      retentionPlan(sets, { hourly: 0, daily: 0, monthly: 0, lockDays: 5 }, now).prune,
    ).toEqual([])
    const bare = retentionPlan(sets, { hourly: 0, daily: 0, monthly: 0, lockDays: 0 }, now)
    expect(bare.keep[0]!.id).toBe(sets.at(-1)!.id)
    expect(bare.keep.at(-1)!.id.startsWith('F')).toBe(true)
  })
})
