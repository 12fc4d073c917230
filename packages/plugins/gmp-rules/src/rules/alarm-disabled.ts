import { defineDeclarativeRule, type DeclarativeRuleDefinition } from '@veritrail/core'
import { ALARM_FIELD, ALARM_SETTING, CHANGES, OFF } from '../vocabulary.js'

/** An alarm, alert, interlock, limit or parameter check was switched off (R-RV-04; Annex 11 draft §8). */
export const alarmDisabled = defineDeclarativeRule({
  meta: {
    id: 'gmp.alarm-disabled',
    version: '1.0.0',
    severity: 'critical',
    title: { en: 'Alarm or parameter check switched off', 'zh-CN': '报警或参数检查被关闭' },
    description: {
      en: 'A setting or record field that holds an alarm, alert, interlock, limit or parameter check was switched off or cleared.',
      'zh-CN': '保存报警、告警、联锁、限度或参数检查的设置或记录字段被关闭或清空。',
    },
  },
  when: {
    anyOf: [
      { trail: 'system', actions: ['config_change'], changes: { fieldPattern: ALARM_SETTING, newValues: OFF } },
      { trail: 'data', actions: CHANGES, changes: { fieldPattern: ALARM_FIELD, old: 'present', newValues: OFF } },
    ],
  },
  message: {
    en: '{actor} switched off “{field.label}” of {record} ({old} → {new}) at {time}. A check that is off no longer protects the process; confirm it was authorised and has been switched back on. Reason given: {reason}.',
    'zh-CN': '{actor}于 {time} 关闭了{record}的“{field.label}”（{old} → {new}）。检查关闭后不再保护工艺过程，请确认已获批准并已重新开启。所填原因：{reason}。',
  },
} satisfies DeclarativeRuleDefinition)
