import type { JsonValue } from '../../canonical/canonical-json.js'
import { VeritrailError } from '../../errors.js'
import type { RuleReview, SeqRange } from '../../extension/exception-rule.js'
import type { Trail } from '../../ledger/entry.js'
import type { CompletedReviewRow } from '../../store/queries/review.js'

const key = (type: string, id: string) => `${type}\u0000${id}`

/** Completed reviews, indexed: by the record (or linked record) a record scope names, and periods. */
export interface ReviewIndex {
  byRecord: Map<string, RuleReview[]>
  periods: RuleReview[]
}

/** Indexes completed reviews by the records their scopes name; period scopes apart. */
export function indexReviews(rows: CompletedReviewRow[]): ReviewIndex {
  const index: ReviewIndex = { byRecord: new Map(), periods: [] }
  for (const row of rows) {
    const review = parseReview(row)
    const scope = review.scope as { recordType?: unknown; recordId?: unknown; linked?: unknown } | null
    if (typeof scope?.recordType !== 'string') {
      index.periods.push(review)
      continue
    }
    const named = [{ type: scope.recordType, id: scope.recordId }, ...(Array.isArray(scope.linked) ? scope.linked : [])] as { type?: unknown; id?: unknown }[]
    for (const r of named) {
      if (typeof r?.type !== 'string' || typeof r.id !== 'string') continue
      const k = key(r.type, r.id)
      index.byRecord.set(k, [...(index.byRecord.get(k) ?? []), review])
    }
  }
  return index
}

function parseReview(row: CompletedReviewRow): RuleReview {
  let scope: JsonValue = null
  let ranges: SeqRange[] = []
  try {
    scope = JSON.parse(row.scope) as JsonValue
    const parsed = JSON.parse(row.ranges) as unknown
    if (Array.isArray(parsed)) ranges = parsed.filter(isRange)
  } catch (error) {
    throw new VeritrailError('internal', `The stored scope of review ${row.reviewId} is not readable JSON.`, { cause: error })
  }
  const { reviewId, reviewerId, conclusion, completedSeq, completedTs } = row
  return { reviewId, scope, ranges, reviewerId, conclusion, completedSeq, completedTs }
}

function isRange(value: unknown): value is SeqRange {
  const r = value as SeqRange
  return typeof r === 'object' && r !== null && (r.trail === 'data' || r.trail === 'system') && Number.isInteger(r.from) && Number.isInteger(r.to)
}

/** True when a review's frozen ranges include entry `seq` of `trail`. */
export function reviewCoversSeq(review: Pick<RuleReview, 'ranges'>, trail: Trail, seq: number): boolean {
  return review.ranges.some((r) => r.trail === trail && r.from <= seq && seq <= r.to)
}
