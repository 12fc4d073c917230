import { defineDeclarativeRule, type DeclarativeRuleDefinition } from '@veritrail/core'
import { ALARM_FIELD, ALARM_SETTING, CHANGES, OFF } from '../vocabulary.js'

/** An alarm or parameter setting changed in another way than being switched off (R-RV-04). */
export const alarmChanged = defineDeclarativeRule({
  meta: {
    id: 'gmp.alarm-or-parameter-changed',
    version: '1.0.0',
    severity: 'warning',
    title: { en: 'Alarm or parameter setting changed', 'zh-CN': '报警或参数设置被修改' },
    description: {
      en: 'A setting or record field that holds an alarm, alert, interlock, limit or parameter was changed or switched on. Check that the change was authorised.',
      'zh-CN': '保存报警、告警、联锁、限度或参数的设置或记录字段被修改或开启。请核查该修改是否经过批准。',
    },
  },
  when: {
    anyOf: [
      { trail: 'system', actions: ['config_change'], changes: { fieldPattern: ALARM_SETTING } },
      { trail: 'data', actions: CHANGES, changes: { fieldPattern: ALARM_FIELD, old: 'present' } },
    ],
    not: { changes: { fieldPattern: `${ALARM_SETTING}|${ALARM_FIELD}`, newValues: OFF } },
  },
  message: {
    en: '{actor} changed an alarm or parameter setting of {record}: {changes}. Reason given: {reason}.',
    'zh-CN': '{actor}修改了{record}的报警或参数设置：{changes}。所填原因：{reason}。',
  },
} satisfies DeclarativeRuleDefinition)
