import { defineDeclarativeRule, type DeclarativeRuleDefinition } from '@veritrail/core'
import { ABORTED, CHANGES, stateChange } from '../vocabulary.js'

/** A run or batch was aborted or terminated before it finished. */
export const runAborted = defineDeclarativeRule({
  meta: {
    id: 'gmp.run-aborted',
    version: '1.0.0',
    severity: 'warning',
    title: { en: 'Run or batch aborted', 'zh-CN': '运行或批次中止' },
    description: {
      en: 'A batch, run or sequence was set to aborted or terminated. Data of aborted runs must be kept and explained, never silently repeated.',
      'zh-CN': '批次、运行或序列被设为中止或终止。中止运行的数据必须保留并说明原因，不得悄悄重做。',
    },
  },
  when: { trail: 'data', actions: CHANGES, anyOf: stateChange(ABORTED) },
  message: {
    en: '{actor} marked {record} as aborted: “{field.label}” {old} → {new}. Reason given: {reason}. Check the deviation and what happened to the material and data of this run.',
    'zh-CN': '{actor}将{record}标记为中止：“{field.label}” {old} → {new}。所填原因：{reason}。请核查相关偏差以及本次运行的物料和数据的处理情况。',
  },
} satisfies DeclarativeRuleDefinition)
