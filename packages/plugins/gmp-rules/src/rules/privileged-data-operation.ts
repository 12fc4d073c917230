import { defineDeclarativeRule, type DeclarativeRuleDefinition } from '@veritrail/core'
import { DATA_OPERATIONS } from '../vocabulary.js'

/** An administrator or the system itself wrote GMP data (R-RV-04: admin changes; NMPA-RD 22(1)). */
export const privilegedDataOperation = defineDeclarativeRule({
  meta: {
    id: 'gmp.privileged-data-operation',
    version: '1.0.0',
    severity: 'critical',
    title: { en: 'Administrator or system account changed GMP data', 'zh-CN': '管理员或系统账户修改了 GMP 数据' },
    description: {
      en: 'A system administrator or a system account created, changed or deleted a GMP record. Administrators hold no GMP role, so such a change bypasses segregation of duties.',
      'zh-CN': '系统管理员或系统账户创建、修改或删除了 GMP 记录。管理员不具备 GMP 角色，此类操作绕过了职责分离。',
    },
  },
  when: { trail: 'data', actions: DATA_OPERATIONS, actor: { roles: ['sysadmin', 'system'] } },
  message: {
    en: '{actor} {action} {record}. Administrator and system accounts must not create, change or delete GMP data; find out who asked for it and why. Changes: {changes}.',
    'zh-CN': '{actor}{action}{record}。管理员和系统账户不得创建、修改或删除 GMP 数据，请查明由谁要求以及原因。变更内容：{changes}。',
  },
} satisfies DeclarativeRuleDefinition)
