import { defineRule, formatSiteTime, reviewCoversSeq, type Entry, type Finding, type RuleContext, type RuleReview } from '@veritrail/core'
import { CONTENT_ACTIONS, CONTENT_CHANGES, changesContent, reasonClause, whatHappened } from '../substantive.js'

/** The completed review that last vouched for the version an entry replaced, if any. */
async function coveringReview(e: Entry, ctx: RuleContext): Promise<RuleReview | undefined> {
  const reviews = await ctx.completedReviews(e.target!.type, e.target!.id, { before: e.seq })
  if (reviews.length === 0) return undefined
  const replaced = (await ctx.recordVersions(e.target!.type, e.target!.id, { data: false })).find((v) => v.version === e.target!.version - 1)
  if (!replaced) return undefined
  return reviews.filter((r) => r.completedSeq > replaced.seq && reviewCoversSeq(r, 'data', replaced.seq)).at(-1)
}

async function finding(e: Entry, review: RuleReview, ctx: RuleContext): Promise<Finding> {
  const type = await ctx.recordType(e.target!.type, e.target!.typeVersion)
  const record = await ctx.recordLabel(e.target!)
  const when = formatSiteTime(review.completedTs, e.tz)
  const version = e.target!.version - 1
  return {
    seq: e.seq,
    trail: e.trail,
    message: {
      en: `${whatHappened(e, type, record, 'en')} after its audit trail was reviewed: the review completed on ${when} covered version ${version}. The change needs a new review. ${reasonClause(e, type, 'en')}`,
      'zh-CN': `${whatHappened(e, type, record, 'zh-CN')}，而其审计追踪已审核：于 ${when} 完成的审核覆盖了第 ${version} 版。此修改需要重新审核。${reasonClause(e, type, 'zh-CN')}`,
    },
    details: { reviewId: review.reviewId, reviewedVersion: version },
  }
}

/**
 * A record changed or deleted after a completed audit-trail review covered the version it
 * replaced (R-RV-04: changes after review). Lifecycle moves alone (a release after review) do
 * not count.
 */
export const changedAfterReview = defineRule({
  meta: {
    id: 'gmp.changed-after-review',
    version: '1.0.0',
    severity: 'critical',
    actions: CONTENT_CHANGES,
    title: { en: 'Record changed after its audit trail was reviewed', 'zh-CN': '记录在审计追踪审核后被修改' },
    description: {
      en: 'A record was changed or deleted after a completed audit-trail review covered the version it replaced; the review no longer reflects the data.',
      'zh-CN': '记录在已完成的审计追踪审核覆盖其被替换版本之后被修改或删除，该审核已不能反映当前数据。',
    },
  },
  async evaluate(entries, ctx) {
    const out: Finding[] = []
    for (const e of entries) {
      if (e.trail !== 'data' || !e.target || !CONTENT_ACTIONS.has(e.action) || e.target.version < 2) continue
      const review = await coveringReview(e, ctx)
      if (!review || !changesContent(e, await ctx.recordType(e.target.type, e.target.typeVersion))) continue
      out.push(await finding(e, review, ctx))
    }
    return out
  },
})
