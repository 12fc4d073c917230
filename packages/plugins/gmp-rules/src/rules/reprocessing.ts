import { defineDeclarativeRule, type DeclarativeRuleDefinition } from '@veritrail/core'
import { DATA_OPERATIONS, REPROCESS_CODE, REPROCESS_TEXT } from '../vocabulary.js'

/** Results were reprocessed, re-tested or re-entered, by the reason given (R-RV-04: reprocessing). */
export const reprocessing = defineDeclarativeRule({
  meta: {
    id: 'gmp.reprocessing',
    version: '1.0.0',
    severity: 'warning',
    title: { en: 'Reprocessing or re-entry of results', 'zh-CN': '结果被重新处理或重新录入' },
    description: {
      en: 'A change whose reason says results were reprocessed, reintegrated, re-tested, re-measured or re-entered. The original result must be kept and the reprocessing justified.',
      'zh-CN': '变更原因表明结果被重新处理、重新积分、复测或重新录入。原始结果必须保留，重新处理须有正当理由。',
    },
  },
  when: {
    trail: 'data',
    actions: DATA_OPERATIONS,
    anyOf: [{ reason: { codePattern: REPROCESS_CODE } }, { reason: { textPattern: REPROCESS_TEXT } }],
  },
  message: {
    en: '{actor} reprocessed or re-entered results of {record}: {changes}. Reason given: {reason}. Check that the original result is kept and the reprocessing is justified.',
    'zh-CN': '{actor}对{record}的结果进行了重新处理或重新录入：{changes}。所填原因：{reason}。请确认原始结果已保留且重新处理有正当理由。',
  },
} satisfies DeclarativeRuleDefinition)
