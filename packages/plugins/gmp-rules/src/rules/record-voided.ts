import { defineDeclarativeRule, type DeclarativeRuleDefinition } from '@veritrail/core'
import { CHANGES, stateChange, VOIDED } from '../vocabulary.js'

/** A record was made invalid without deleting it (R-RV-04: voids). */
export const recordVoided = defineDeclarativeRule({
  meta: {
    id: 'gmp.record-voided',
    version: '1.0.0',
    severity: 'warning',
    title: { en: 'Record voided', 'zh-CN': '记录被作废' },
    description: {
      en: 'A record’s state was set to void, cancelled or invalid. Voiding takes data out of use like a deletion; check the reason.',
      'zh-CN': '记录状态被设为作废、取消或无效。作废与删除一样使数据不再使用；请核查原因。',
    },
  },
  when: { trail: 'data', actions: CHANGES, anyOf: stateChange(VOIDED) },
  message: {
    en: '{actor} voided {record}: “{field.label}” {old} → {new}. Reason given: {reason}.',
    'zh-CN': '{actor}作废了{record}：“{field.label}” {old} → {new}。所填原因：{reason}。',
  },
} satisfies DeclarativeRuleDefinition)
