import { defineDeclarativeRule, type DeclarativeRuleDefinition } from '@veritrail/core'

/** A signing attempt failed (Part 11 §11.300(d); R-RV-04: failed signings). */
export const signatureFailed = defineDeclarativeRule({
  meta: {
    id: 'gmp.signature-failed',
    version: '1.0.0',
    severity: 'warning',
    title: { en: 'Failed signing attempt', 'zh-CN': '电子签名失败' },
    description: {
      en: 'An electronic signature was refused: wrong password, or an attempt to sign as someone else.',
      'zh-CN': '电子签名被拒绝：密码错误，或试图以他人身份签名。',
    },
  },
  when: { trail: 'system', actions: ['signature_failed'] },
  message: {
    en: 'A signing attempt by {actor} failed at {time} ({details.reason}). A failed signature can mean someone tried to sign with another person’s identity.',
    'zh-CN': '{actor}于 {time} 的电子签名尝试失败（{details.reason}）。签名失败可能意味着有人试图冒用他人身份签名。',
  },
} satisfies DeclarativeRuleDefinition)
