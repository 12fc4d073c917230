import { defineDeclarativeRule, type DeclarativeRuleDefinition } from '@veritrail/core'

/** Three failed sign-ins for one user name within 15 minutes (R-RV-04: failed logins). */
export const failedLogins = defineDeclarativeRule({
  meta: {
    id: 'gmp.failed-logins',
    version: '1.0.0',
    severity: 'warning',
    title: { en: 'Repeated failed sign-ins', 'zh-CN': '多次登录失败' },
    description: {
      en: '3 or more failed sign-ins for one user name within 15 minutes. A required password change at first sign-in does not count.',
      'zh-CN': '同一用户名在 15 分钟内登录失败 3 次及以上。首次登录时要求修改密码不计入。',
    },
  },
  when: {
    trail: 'system',
    actions: ['login_failed'],
    not: { details: { reason: ['password change required', 'password expired'] } },
  },
  window: { minutes: 15, atLeast: 3, by: 'user' },
  message: {
    en: '{count} failed sign-in attempts for the user name “{user}” within {window} (the last at {time} from {client.ip}, reason: {details.reason}). Check whether someone is guessing a password.',
    'zh-CN': '用户名“{user}”在 {window}内登录失败 {count} 次（最后一次于 {time}，来自 {client.ip}，原因：{details.reason}）。请核查是否有人在猜测密码。',
  },
} satisfies DeclarativeRuleDefinition)
