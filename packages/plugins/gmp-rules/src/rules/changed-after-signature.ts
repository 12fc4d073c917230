import { defineRule, formatSiteTime, type Entry, type Finding, type RuleContext, type RuleSignature } from '@veritrail/core'
import { CONTENT_ACTIONS, CONTENT_CHANGES, changesContent, reasonClause, whatHappened } from '../substantive.js'

const MEANINGS: Record<string, { en: string; 'zh-CN': string }> = {
  authorship: { en: 'authorship', 'zh-CN': '编制' },
  review: { en: 'review', 'zh-CN': '审核' },
  approval: { en: 'approval', 'zh-CN': '批准' },
  responsibility: { en: 'responsibility', 'zh-CN': '负责' },
}

function signedBy(s: RuleSignature, locale: 'en' | 'zh-CN'): string {
  const meaning = MEANINGS[s.meaning]?.[locale] ?? s.meaning
  const when = formatSiteTime(s.ts, s.tz)
  return locale === 'en' ? `${s.signer.displayName} signed for ${meaning} on ${when}` : `${s.signer.displayName}于 ${when} 以“${meaning}”含义签署`
}

async function finding(e: Entry, covering: RuleSignature[], ctx: RuleContext): Promise<Finding> {
  const type = await ctx.recordType(e.target!.type, e.target!.typeVersion)
  const record = await ctx.recordLabel(e.target!)
  const version = e.target!.version - 1
  const en = covering.map((s) => signedBy(s, 'en')).join('; ')
  const zh = covering.map((s) => signedBy(s, 'zh-CN')).join('；')
  return {
    seq: e.seq,
    trail: e.trail,
    message: {
      en: `${whatHappened(e, type, record, 'en')} after it was signed: ${en} (version ${version}). That signature no longer covers the current data. ${reasonClause(e, type, 'en')}`,
      'zh-CN': `${whatHappened(e, type, record, 'zh-CN')}，而该记录已被签名：${zh}（第 ${version} 版）。该签名已不再覆盖当前数据。${reasonClause(e, type, 'zh-CN')}`,
    },
    details: { signatures: covering.map((s) => s.id), signedVersion: version },
  }
}

/**
 * A record changed or deleted while a signature stood on the version it replaced (R-RV-04:
 * changes after signature; R-ES-04). Lifecycle moves alone do not count.
 */
export const changedAfterSignature = defineRule({
  meta: {
    id: 'gmp.changed-after-signature',
    version: '1.0.0',
    severity: 'critical',
    actions: CONTENT_CHANGES,
    title: { en: 'Record changed after it was signed', 'zh-CN': '记录在签名后被修改' },
    description: {
      en: 'A record was changed or deleted while an electronic signature stood on the version it replaced, so that signature no longer covers the data.',
      'zh-CN': '记录在其被替换的版本已有电子签名的情况下被修改或删除，该签名已不再覆盖当前数据。',
    },
  },
  async evaluate(entries, ctx) {
    const out: Finding[] = []
    for (const e of entries) {
      if (e.trail !== 'data' || !e.target || !CONTENT_ACTIONS.has(e.action) || e.target.version < 2) continue
      const signatures = await ctx.signatures(e.target.type, e.target.id, { atSeq: e.seq })
      const covering = signatures.filter((s) => s.recordVersion === e.target!.version - 1)
      if (covering.length === 0) continue
      if (!changesContent(e, await ctx.recordType(e.target.type, e.target.typeVersion))) continue
      out.push(await finding(e, covering, ctx))
    }
    return out
  },
})
