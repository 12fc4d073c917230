import { defineDeclarativeRule, type DeclarativeRuleDefinition } from '@veritrail/core'
import { CHANGES } from '../vocabulary.js'

/** Critical data changed outside the site's working hours (R-RV-04: off-hours changes). */
export const offHoursChange = defineDeclarativeRule({
  meta: {
    id: 'gmp.off-hours-change',
    version: '1.0.0',
    severity: 'warning',
    title: { en: 'Critical data changed outside working hours', 'zh-CN': '非工作时间修改关键数据' },
    description: {
      en: 'A critical field that already had a value was changed outside the site’s working hours (settings; default 07:00–19:00, Monday to Friday, in the site time zone).',
      'zh-CN': '已有数值的关键字段在站点工作时间以外被修改（见设置；默认为站点时区周一至周五 07:00–19:00）。',
    },
  },
  when: { trail: 'data', actions: CHANGES, changes: { critical: true, old: 'present' }, time: { workingHours: 'outside' } },
  message: {
    en: '{actor} changed critical data of {record} outside working hours, at {time}: {changes}. Reason given: {reason}.',
    'zh-CN': '{actor}在非工作时间（{time}）修改了{record}的关键数据：{changes}。所填原因：{reason}。',
  },
} satisfies DeclarativeRuleDefinition)
