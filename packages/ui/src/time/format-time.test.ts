import { describe, expect, it } from 'vitest'
import { formatLocalTime } from './format-time.ts'

describe('formatLocalTime', () => {
  it('writes every time of a day exactly as Intl does, in both languages', () => {
    for (const locale of ['en', 'zh-CN', 'de-DE']) {
      const intl = new Intl.DateTimeFormat(locale, {
        year: 'numeric',
        month: 'short',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
        timeZoneName: 'short',
      })
      const start = Date.parse('2026-11-22T00:00:00Z')
      for (let t = start; t < start + 2 * 86_400_000; t += 7_919_000) {
        const iso = new Date(t).toISOString()
        expect(formatLocalTime(iso, locale)).toBe(intl.format(new Date(t)))
      }
    }
    expect(formatLocalTime('not a time', 'en')).toBe('not a time')
    expect(formatLocalTime('2026-11-22T05:18:32Z', 'en', 'Asia/Shanghai')).toMatch(/13:18:32/)
  })
})
