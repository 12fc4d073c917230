/** Midnights (the reader's zone) of the last `days` days, oldest first, and the next midnight. */
export function dayBoundaries(days: number, now = new Date()): Date[] {
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate())
  return Array.from(
    { length: days + 1 },
    (_, i) => new Date(today.getFullYear(), today.getMonth(), today.getDate() - days + 1 + i),
  )
}

/** The oldest and newest entry of a trail, when it has any. */
export interface TrailSpan {
  size: number
  firstTs?: string
  lastTs?: string
}

/**
 * Entries per day of one trail without counting them one by one: sequence numbers have no gaps,
 * so the entries of a day are the first seq at or after the next midnight minus the first seq at
 * or after its own. `firstSeqFrom` answers with one `GET /api/v1/audit?from=…&order=asc&limit=1`
 * (undefined when no entry is that recent). Midnights before the trail's first entry or after its
 * last need no query at all (the server's time-filtered queries are its costliest).
 */
export async function entriesPerDay(
  boundaries: Date[],
  span: TrailSpan,
  firstSeqFrom: (iso: string) => Promise<number | undefined>,
): Promise<number[]> {
  const first = span.firstTs ? Date.parse(span.firstTs) : Infinity
  const last = span.lastTs ? Date.parse(span.lastTs) : -Infinity
  const firsts: number[] = []
  for (const b of boundaries) {
    const t = b.getTime()
    if (t <= first) firsts.push(1)
    else if (t > last) firsts.push(span.size + 1)
    else firsts.push((await firstSeqFrom(b.toISOString())) ?? span.size + 1)
  }
  return firsts.slice(0, -1).map((seq, i) => Math.max(0, firsts[i + 1]! - seq))
}
