import { describe, expect, it } from 'vitest'
import { scheduledRpoMs } from './rpo.js'

const H = 60 * 60 * 1000
const from = new Date('2026-11-22T12:30:00Z')

describe('scheduledRpoMs', () => {
  it('is the longest gap between due backups of all schedules; drills do not count', () => {
    expect(scheduledRpoMs([], 'UTC', from)).toBeNull()
    expect(
      scheduledRpoMs([{ target: 'local', kind: 'drill', cron: '0 3 * * *' }], 'UTC', from),
    ).toBeNull()
    const hourly = { target: 'local', kind: 'incremental', cron: '0 * * * *' } as const
    expect(scheduledRpoMs([hourly], 'UTC', from)).toBe(H)
    // Incrementals every 4 h in working hours only, a full at 02:00: the night gap decides.
    const day = [
      { target: 'local', kind: 'incremental', cron: '0 8-20/4 * * *' },
      { target: 's3', kind: 'full', cron: '0 2 * * *' },
    ] as const
    expect(scheduledRpoMs(day, 'UTC', from)).toBe(6 * H)
  })

  it('reads the cron in the site time zone and copes with very frequent and monthly schedules', () => {
    const nightly = { target: 'local', kind: 'full', cron: '0 2 * * 1-5' } as const
    // Friday 02:00 to Monday 02:00.
    expect(scheduledRpoMs([nightly], 'Asia/Shanghai', from)).toBe(72 * H)
    const everyMinute = { target: 'local', kind: 'incremental', cron: '* * * * *' } as const
    expect(scheduledRpoMs([everyMinute], 'UTC', from)).toBe(60_000)
    const monthly = { target: 'local', kind: 'full', cron: '0 0 1 * *' } as const
    expect(scheduledRpoMs([monthly], 'UTC', from)).toBe(30 * 24 * H)
  })
})
