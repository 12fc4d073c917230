import { defineDeclarativeRule, type DeclarativeRuleDefinition } from '@veritrail/core'

/** The site's time zone changed (R-RV-04: time changes). */
export const timeZoneChanged = defineDeclarativeRule({
  meta: {
    id: 'gmp.time-zone-changed',
    version: '1.0.0',
    severity: 'warning',
    title: { en: 'Site time zone changed', 'zh-CN': '站点时区被更改' },
    description: {
      en: 'The site time zone changed in the settings or because the server started with another zone. Local times before and after differ.',
      'zh-CN': '站点时区在设置中被更改，或服务器以另一时区启动。更改前后的本地时间不一致。',
    },
  },
  when: { trail: 'system', actions: ['config_change'], changes: { fields: ['site.timeZone'] } },
  message: {
    en: '{actor} changed the site time zone from {old} to {new} at {time}. Local times before and after this point differ; check off-hours and date-based findings around it.',
    'zh-CN': '{actor}于 {time} 将站点时区由 {old} 改为 {new}。此前后的本地时间不一致，请核查附近与非工作时间和日期相关的发现。',
  },
} satisfies DeclarativeRuleDefinition)
