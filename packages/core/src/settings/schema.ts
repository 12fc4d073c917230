import * as v from 'valibot'
import type { LocalizedText } from '../extension/i18n.js'

const minutes = (min: number, max: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max))

/** Every setting, validated (CONTRACT §8). Changing any of them is a `config_change` entry. */
export const SettingsSchema = v.strictObject({
  password: v.strictObject({
    minLength: v.pipe(v.number(), v.integer(), v.minValue(12, 'At least 12 characters (CONTRACT §3).'), v.maxValue(128)),
    historyCount: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(24)),
    maxAgeDays: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(3650)),
  }),
  session: v.strictObject({ idleMinutes: minutes(1, 240) }),
  lockout: v.strictObject({ threshold: v.pipe(v.number(), v.integer(), v.minValue(3), v.maxValue(10)) }),
  mfa: v.strictObject({ roles: v.array(v.picklist(['sysadmin', 'operator', 'reviewer', 'qa', 'auditor'])) }),
  site: v.strictObject({
    timeZone: v.nullable(v.pipe(v.string(), v.minLength(1))),
    locale: v.picklist(['en', 'zh-CN']),
    workingHours: v.strictObject({
      start: v.pipe(v.string(), v.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM')),
      end: v.pipe(v.string(), v.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM')),
      days: v.array(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(6))),
    }),
  }),
  alerts: v.strictObject({
    webhookUrl: v.nullable(v.pipe(v.string(), v.url('A full URL such as https://alerts.example.com/hook'))),
  }),
  review: v.strictObject({
    /** Approval/release signatures need a completed review of the record (R-RV-01). */
    releaseGate: v.boolean(),
    /** Signer must differ from the author for review and approval meanings (R-ES-08). */
    signerNotAuthor: v.boolean(),
  }),
  backup: v.strictObject({
    schedules: v.array(
      v.strictObject({
        target: v.pipe(v.string(), v.minLength(1)),
        kind: v.picklist(['full', 'incremental', 'drill']),
        cron: v.pipe(v.string(), v.minLength(9)),
      }),
    ),
    retention: v.strictObject({
      hourly: v.pipe(v.number(), v.integer(), v.minValue(0)),
      daily: v.pipe(v.number(), v.integer(), v.minValue(0)),
      monthly: v.pipe(v.number(), v.integer(), v.minValue(0)),
      lockDays: v.pipe(v.number(), v.integer(), v.minValue(0)),
    }),
  }),
})

export type Settings = v.InferOutput<typeof SettingsSchema>

export const DEFAULT_SETTINGS: Settings = {
  password: { minLength: 12, historyCount: 5, maxAgeDays: 90 },
  session: { idleMinutes: 15 },
  lockout: { threshold: 5 },
  mfa: { roles: [] },
  site: { timeZone: null, locale: 'en', workingHours: { start: '07:00', end: '19:00', days: [1, 2, 3, 4, 5] } },
  alerts: { webhookUrl: null },
  review: { releaseGate: true, signerNotAuthor: true },
  backup: { schedules: [], retention: { hourly: 24, daily: 30, monthly: 24, lockDays: 7 } },
}

/** People-readable names of settings, by dotted path (frozen into entries in the site locale). */
export const SETTING_LABELS: Record<string, LocalizedText> = {
  'password.minLength': { en: 'Minimum password length', 'zh-CN': '密码最小长度' },
  'password.historyCount': { en: 'Passwords remembered (no reuse)', 'zh-CN': '密码历史记录数（不可重复使用）' },
  'password.maxAgeDays': { en: 'Maximum password age (days)', 'zh-CN': '密码最长有效期（天）' },
  'session.idleMinutes': { en: 'Idle session timeout (minutes)', 'zh-CN': '会话空闲超时（分钟）' },
  'lockout.threshold': { en: 'Failed attempts before lockout', 'zh-CN': '锁定前允许的失败次数' },
  'mfa.roles': { en: 'Roles that need a second factor', 'zh-CN': '需要双因素认证的角色' },
  'site.timeZone': { en: 'Site time zone', 'zh-CN': '站点时区' },
  'site.locale': { en: 'Default language of records', 'zh-CN': '记录默认语言' },
  'site.workingHours': { en: 'Working hours', 'zh-CN': '工作时间' },
  'alerts.webhookUrl': { en: 'Alert webhook address', 'zh-CN': '告警 Webhook 地址' },
  'review.releaseGate': { en: 'Release needs a completed audit-trail review', 'zh-CN': '放行前须完成审计追踪审核' },
  'review.signerNotAuthor': { en: 'Reviewer and approver must differ from the author', 'zh-CN': '审核人和批准人不得为作者本人' },
  'backup.schedules': { en: 'Backup schedules', 'zh-CN': '备份计划' },
  'backup.retention': { en: 'Backup retention', 'zh-CN': '备份保留策略' },
}
