import { defineDeclarativeRule, type DeclarativeRuleDefinition } from '@veritrail/core'

/** A record was deleted (a tombstone version with a reason; R-RV-04: deletions). */
export const recordDeleted = defineDeclarativeRule({
  meta: {
    id: 'gmp.record-deleted',
    version: '1.0.0',
    severity: 'warning',
    title: { en: 'Record deleted', 'zh-CN': '记录被删除' },
    description: {
      en: 'A GMP record was deleted. Its full last content stays in the audit trail; check that the reason justifies removing it from use.',
      'zh-CN': 'GMP 记录被删除。其最后的完整内容保留在审计追踪中；请核查删除原因是否充分。',
    },
  },
  when: { trail: 'data', actions: ['delete'] },
  message: {
    en: '{actor} deleted {record}. Reason given: {reason}. The full content is kept in the audit trail.',
    'zh-CN': '{actor}删除了{record}。所填原因：{reason}。记录的完整内容已保存在审计追踪中。',
  },
} satisfies DeclarativeRuleDefinition)
