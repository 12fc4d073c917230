import type { Trail } from '../ledger/entry.js'
import { completedScopes, entryCounts, recordEntryCounts, type ScopeRecord } from '../store/queries/reviews.js'
import type { ReadExecutor } from '../store/types.js'
import { connectReadOnly } from '../store/libsql/connect.js'
import { LibsqlReads } from '../store/libsql/reads.js'
import { runInWorker } from '../worker/run-in-worker.js'

export interface CoverageRow {
  trail: Trail
  /** The record type, or `null` for entries about no record (logins, settings, …). */
  recordType: string | null
  total: number
  reviewed: number
  unreviewed: number
}

type Range = { trail: string; from: number; to: number }

/**
 * Review coverage (R-RV-06): per trail and record type, how many entries no completed review
 * covers. A period review covers its frozen range; a record review covers the entries of its
 * records up to the end of its range.
 */
export async function reviewCoverage(db: ReadExecutor): Promise<CoverageRow[]> {
  const done = await completedScopes(db)
  const periods: Range[] = []
  const records = new Map<string, { record: ScopeRecord; to: number }>()
  for (const review of done) {
    const scope = JSON.parse(review.scope) as { records?: ScopeRecord[] }
    const ranges = JSON.parse(review.ranges) as Range[]
    if (!scope.records) periods.push(...ranges)
    else for (const record of scope.records) {
      const key = `${record.type}/${record.id}`
      const to = Math.max(...ranges.map((r) => r.to))
      if ((records.get(key)?.to ?? 0) < to) records.set(key, { record, to })
    }
  }
  const merged = mergeRanges(periods)
  const totals = await entryCounts(db, [])
  const outside = new Map((await entryCounts(db, merged)).map((c) => [`${c.trail}/${c.recordType}`, c.count]))
  for (const { record, to } of records.values()) {
    for (const c of await recordEntryCounts(db, [record], to, merged)) {
      const key = `data/${c.recordType}`
      outside.set(key, Math.max(0, (outside.get(key) ?? 0) - c.count))
    }
  }
  return totals.map((t) => {
    const unreviewed = outside.get(`${t.trail}/${t.recordType}`) ?? 0
    return { trail: t.trail as Trail, recordType: t.recordType || null, total: t.count, reviewed: t.count - unreviewed, unreviewed }
  })
}

function mergeRanges(ranges: Range[]): Range[] {
  const out: Range[] = []
  for (const r of [...ranges].sort((a, b) => (a.trail === b.trail ? a.from - b.from : a.trail < b.trail ? -1 : 1))) {
    const last = out.at(-1)
    if (last && last.trail === r.trail && r.from <= last.to + 1) last.to = Math.max(last.to, r.to)
    else out.push({ ...r })
  }
  return out
}

/** `reviewCoverage` in a worker thread over a read-only connection to `url` (a database file). */
export function coverageInWorker(url: string): Promise<CoverageRow[]> {
  return runInWorker<CoverageRow[]>(COVERAGE_MODULE, 'coverageJob', [url], { timeoutMs: 10 * 60_000 })
}

/** The worker's side of `coverageInWorker`. */
export async function coverageJob(url: string): Promise<CoverageRow[]> {
  const connection = await connectReadOnly(url)
  try {
    return await reviewCoverage(new LibsqlReads(connection).sql)
  } finally {
    connection.close()
  }
}

/** Where these functions live, for `runInWorker`. */
export const COVERAGE_MODULE = new URL(import.meta.url)

