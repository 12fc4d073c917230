/** Server time as the ledger writes it: UTC, milliseconds, ISO 8601 with `Z` (§2.6). */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString()
}

/** The host's IANA time zone, the default site zone when `VERITRAIL_TZ` is not set. */
export function hostTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
}

/** True when `zone` is an IANA time-zone name this runtime knows. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return true
  } catch {
    return false
  }
}
