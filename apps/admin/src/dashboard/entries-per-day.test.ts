import { describe, expect, it } from 'vitest'
import { dayBoundaries, entriesPerDay } from './entries-per-day.ts'

describe('entriesPerDay', () => {
  it('counts a day as the difference of the first sequence numbers of two midnights', async () => {
    const now = new Date(2026, 10, 22, 15, 0)
    const days = dayBoundaries(3, now)
    expect(days.map((d) => d.getDate())).toEqual([20, 21, 22, 23])
    // seq 1–10 on the 20th, none on the 21st, 11–15 today: the trail has 15 entries.
    const times = [
      ...Array.from({ length: 10 }, () => new Date(2026, 10, 20, 9)),
      ...Array.from({ length: 5 }, () => new Date(2026, 10, 22, 9)),
    ]
    const asked: string[] = []
    const first = async (iso: string) => {
      asked.push(iso)
      const i = times.findIndex((t) => t.getTime() >= Date.parse(iso))
      return i < 0 ? undefined : i + 1
    }
    const span = { size: 15, firstTs: times[0]!.toISOString(), lastTs: times[14]!.toISOString() }
    expect(await entriesPerDay(days, span, first)).toEqual([10, 0, 5])
    // Midnights before the first entry and after the last are not asked about.
    expect(asked).toHaveLength(2)
    expect(await entriesPerDay(days, { size: 0 }, first)).toEqual([0, 0, 0])
  })
})
