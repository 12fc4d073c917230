const formats = new Map<string, Intl.DateTimeFormat>()
/** The layout of one local day as Intl writes it: date, zone name, separators (lists reuse it). */
const days = new Map<string, Intl.DateTimeFormatPart[]>()
const MAX_DAYS = 2000

function formatFor(locale: string, timeZone?: string): Intl.DateTimeFormat {
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
  return format
}

const two = (n: number) => (n < 10 ? `0${n}` : String(n))

/**
 * `22 Nov 2026, 13:18:32 GMT+8` in the reader's zone (or `timeZone`). Lists call it for every
 * row they draw: in the reader's zone the day's layout comes from Intl once per day and offset,
 * and only the clock time is filled in.
 */
export function formatLocalTime(iso: string, locale: string, timeZone?: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  const format = formatFor(locale, timeZone)
  if (timeZone) return format.format(date)
  const key = `${locale}|${date.getFullYear()}-${date.getMonth()}-${date.getDate()}|${date.getTimezoneOffset()}`
  let parts = days.get(key)
  if (!parts) {
    parts = format.formatToParts(date)
    if (days.size >= MAX_DAYS) days.clear()
    days.set(key, parts)
  }
  // A locale writing the clock in other digits keeps Intl's own text.
  if (!/^\d\d$/.test(parts.find((p) => p.type === 'hour')?.value ?? '')) return format.format(date)
  let text = ''
  for (const p of parts) {
    if (p.type === 'hour') text += two(date.getHours())
    else if (p.type === 'minute') text += two(date.getMinutes())
    else if (p.type === 'second') text += two(date.getSeconds())
    else text += p.value
  }
  return text
}

/** `2026-11-22 05:18:32.704 UTC`. */
export function formatUtc(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return `${date.toISOString().replace('T', ' ').replace('Z', '')} UTC`
}
