import { defineDeclarativeRule, type DeclarativeRuleDefinition } from '@veritrail/core'
import { CHANGES } from '../vocabulary.js'

/** The same critical field of one record changed three times within 30 minutes. */
export const repeatedResultChanges = defineDeclarativeRule({
  meta: {
    id: 'gmp.repeated-result-changes',
    version: '1.0.0',
    severity: 'critical',
    title: { en: 'Result changed repeatedly (testing into compliance)', 'zh-CN': '结果被反复修改（测试至合格）' },
    description: {
      en: 'The same critical field of one record was changed 3 or more times within 30 minutes (its first recording when the record was created does not count), a pattern of testing into compliance.',
      'zh-CN': '同一记录的同一关键字段在 30 分钟内被修改 3 次及以上（创建记录时的首次录入不计），呈现“测试至合格”的迹象。',
    },
  },
  when: { trail: 'data', actions: CHANGES, changes: { critical: true } },
  window: { minutes: 30, atLeast: 3, by: 'field' },
  message: {
    en: '“{field.label}” of {record} was changed {count} times within {window}, last by {actor}: {old} → {new}. Repeated changes of a result can mean testing into compliance; check every value and why it was replaced.',
    'zh-CN': '{record}的“{field.label}”在 {window}内被修改 {count} 次，最后一次由{actor}修改：{old} → {new}。反复修改结果可能意味着“测试至合格”，请核查每一个值及其被替换的原因。',
  },
} satisfies DeclarativeRuleDefinition)
