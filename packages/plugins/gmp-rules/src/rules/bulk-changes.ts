import { defineDeclarativeRule, type DeclarativeRuleDefinition } from '@veritrail/core'
import { DATA_OPERATIONS } from '../vocabulary.js'

/** More than 50 data changes by one account within 10 minutes, integration ingest excepted. */
export const bulkChanges = defineDeclarativeRule({
  meta: {
    id: 'gmp.bulk-changes',
    version: '1.0.0',
    severity: 'warning',
    title: { en: 'Bulk changes by one account', 'zh-CN': '单个账户批量修改' },
    description: {
      en: 'More than 50 data entries by one account within 10 minutes. Ingest by an integration account that names its source is normal and not counted.',
      'zh-CN': '同一账户在 10 分钟内产生超过 50 条数据记录。注明来源的接口账户导入属于正常情况，不计入。',
    },
  },
  when: { trail: 'data', actions: DATA_OPERATIONS, not: { actor: { roles: ['integration'] }, source: 'present' } },
  window: { minutes: 10, atLeast: 51, by: 'actor' },
  message: {
    en: '{actor} made {count} data changes within {window} (more than 50), the last to {record}. Bulk changes by one person need a documented reason, such as an approved data migration.',
    'zh-CN': '{actor}在 {window}内进行了 {count} 次数据变更（超过 50 次），最后一次涉及{record}。单人批量修改须有书面理由，例如经批准的数据迁移。',
  },
} satisfies DeclarativeRuleDefinition)
