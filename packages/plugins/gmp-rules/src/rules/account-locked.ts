import { defineDeclarativeRule, type DeclarativeRuleDefinition } from '@veritrail/core'

/** An account was locked after repeated failed sign-ins or signings. */
export const accountLocked = defineDeclarativeRule({
  meta: {
    id: 'gmp.account-locked',
    version: '1.0.0',
    severity: 'critical',
    title: { en: 'Account locked', 'zh-CN': '账户被锁定' },
    description: {
      en: 'An account was locked after the configured number of failed sign-in or signing attempts.',
      'zh-CN': '账户在达到设定的登录或签名失败次数后被锁定。',
    },
  },
  when: { trail: 'system', actions: ['lock'] },
  message: {
    en: 'The account “{user}” was locked at {time} after {details.failures} failed attempts (the last from {client.ip}: {details.reason}). Find out who made the attempts before it is unlocked.',
    'zh-CN': '账户“{user}”于 {time} 在 {details.failures} 次失败尝试后被锁定（最后一次来自 {client.ip}：{details.reason}）。解锁前请查明是谁进行了这些尝试。',
  },
} satisfies DeclarativeRuleDefinition)
