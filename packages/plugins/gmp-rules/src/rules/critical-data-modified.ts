import { defineDeclarativeRule, type DeclarativeRuleDefinition } from '@veritrail/core'
import { CHANGES } from '../vocabulary.js'

/** A critical field that already had a value got a new one (R-RV-04: changes after first entry). */
export const criticalDataModified = defineDeclarativeRule({
  meta: {
    id: 'gmp.critical-data-modified',
    version: '1.0.0',
    severity: 'warning',
    title: { en: 'Critical data changed after first entry', 'zh-CN': '关键数据在首次录入后被修改' },
    description: {
      en: 'A field the record type marks critical (CQA, CPP, CMA or GMP) already had a value and was changed or cleared. Check the reason and that the new value is supported by evidence.',
      'zh-CN': '记录类型标为关键（CQA、CPP、CMA 或 GMP）的字段在已有数值后被修改或清空。请核查原因以及新数值是否有证据支持。',
    },
  },
  when: { trail: 'data', actions: CHANGES, changes: { critical: true, old: 'present' } },
  message: {
    en: '{actor} changed critical data of {record} after it was first recorded: {changes}. Reason given: {reason}.',
    'zh-CN': '{actor}在首次录入后修改了{record}的关键数据：{changes}。所填原因：{reason}。',
  },
} satisfies DeclarativeRuleDefinition)
