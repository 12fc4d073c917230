const formats = new Map<string, Intl.DateTimeFormat>()

/** `22 Nov 2026, 13:18:32 GMT+8` in the reader's zone (cached formatter: lists call it a lot). */
export function formatLocalTime(iso: string, locale: string, timeZone?: string): string {
  const key = `${locale}|${timeZone ?? ''}`
  let format = formats.get(key)
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      year: 'numeric',
      month: 'short',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
      ...(timeZone ? { timeZone } : {}),
    })
    formats.set(key, format)
  }
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? iso : format.format(date)
}

/** `2026-11-22 05:18:32.704 UTC`. */
export function formatUtc(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return `${date.toISOString().replace('T', ' ').replace('Z', '')} UTC`
}
