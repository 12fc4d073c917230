import { defineDeclarativeRule, type DeclarativeRuleDefinition } from '@veritrail/core'
import { DATA_OPERATIONS } from '../vocabulary.js'

/**
 * An integration account wrote data without naming the source system, user and record. Ingest
 * that names its source is the normal path and is not flagged.
 */
export const integrationWithoutSource = defineDeclarativeRule({
  meta: {
    id: 'gmp.integration-without-source',
    version: '1.0.0',
    severity: 'warning',
    title: { en: 'Integration write without a source', 'zh-CN': '接口写入未注明来源' },
    description: {
      en: 'An integration (service) account wrote GMP data without the source system, source user and source reference, so the change cannot be traced to a person.',
      'zh-CN': '接口（服务）账户写入 GMP 数据时未注明来源系统、来源用户和来源记录，无法追溯到具体人员。',
    },
  },
  when: { trail: 'data', actions: DATA_OPERATIONS, actor: { roles: ['integration'] }, source: 'absent' },
  message: {
    en: 'The integration account {actor} {action} {record} without naming the source system, user and record, so the change cannot be traced back to a person.',
    'zh-CN': '接口账户{actor}{action}{record}，但未注明来源系统、用户和记录，无法追溯到具体人员。',
  },
} satisfies DeclarativeRuleDefinition)
