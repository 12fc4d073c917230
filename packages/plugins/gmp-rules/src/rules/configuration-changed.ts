import { defineDeclarativeRule, type DeclarativeRuleDefinition } from '@veritrail/core'
import { ALARM_SETTING } from '../vocabulary.js'

/** Any other configuration change, so none goes unseen (R-RV-04: configuration changes). */
export const configurationChanged = defineDeclarativeRule({
  meta: {
    id: 'gmp.configuration-changed',
    version: '1.0.0',
    severity: 'info',
    title: { en: 'Configuration changed', 'zh-CN': '系统配置被修改' },
    description: {
      en: 'A system setting other than alarms, parameters and the time zone (reported by their own rules) was changed, e.g. password policy, session timeout or working hours.',
      'zh-CN': '除报警、参数和时区（由专门规则报告）以外的系统设置被修改，例如密码策略、会话超时或工作时间。',
    },
  },
  when: {
    trail: 'system',
    actions: ['config_change'],
    not: { anyOf: [{ changes: { fieldPattern: ALARM_SETTING } }, { changes: { fields: ['site.timeZone'] } }] },
  },
  message: {
    en: '{actor} changed the system configuration: {changes}. Reason given: {reason}.',
    'zh-CN': '{actor}修改了系统配置：{changes}。所填原因：{reason}。',
  },
} satisfies DeclarativeRuleDefinition)
