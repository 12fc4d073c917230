import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { clockMinutes, formatSiteTime, localTime, withinClock } from './site-time.js'

const ZONES = ['Asia/Shanghai', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Asia/Kathmandu', 'UTC']

function intlParts(ms: number, zone: string) {
  const f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', weekday: 'short', hour: '2-digit', minute: '2-digit', year: 'numeric', month: '2-digit', day: '2-digit' })
  const p = Object.fromEntries(f.formatToParts(ms).map((x) => [x.type, x.value]))
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(p.weekday!)
  return { day, minutes: Number(p.hour) * 60 + Number(p.minute), text: `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}` }
}

describe('site time', () => {
  it('agrees with Intl for any moment in any zone, across DST changes', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('2000-01-01'), max: Date.parse('2040-01-01') }), fc.constantFrom(...ZONES), (ms, zone) => {
        expect(localTime(ms, zone)).toEqual(intlParts(ms, zone))
      }),
      { numRuns: 3000 },
    )
  })

  it('gets the minutes around the Berlin spring-forward right', () => {
    const before = Date.parse('2024-03-31T00:59:00Z') // 01:59 CET
    const after = Date.parse('2024-03-31T01:00:00Z') // 03:00 CEST
    expect(localTime(before, 'Europe/Berlin').text).toBe('2024-03-31 01:59')
    expect(localTime(after, 'Europe/Berlin').text).toBe('2024-03-31 03:00')
  })

  it('formats server time the way the site reads it', () => {
    expect(formatSiteTime('2024-03-02T06:05:00.000Z', 'Asia/Shanghai')).toBe('2024-03-02 14:05 (Asia/Shanghai)')
  })

  it('checks clock ranges, wrapping past midnight', () => {
    expect(clockMinutes('07:30')).toBe(450)
    expect(clockMinutes('24:00')).toBe(1440)
    expect(withinClock(clockMinutes('07:00'), 420, 1140)).toBe(true)
    expect(withinClock(clockMinutes('19:00'), 420, 1140)).toBe(false)
    expect(withinClock(clockMinutes('23:30'), 1320, 360)).toBe(true)
    expect(withinClock(clockMinutes('05:59'), 1320, 360)).toBe(true)
    expect(withinClock(clockMinutes('06:00'), 1320, 360)).toBe(false)
  })
})
