import { VeritrailError } from '../errors.js'

/** The roles of CONTRACT §3. */
export const ROLES = ['sysadmin', 'operator', 'reviewer', 'qa', 'auditor', 'integration'] as const
export type Role = (typeof ROLES)[number]

/** Roles that create, change, review or approve GMP data. */
export const GMP_ROLES: readonly Role[] = ['operator', 'reviewer', 'qa']

/** Labels for people (the UI and exports never show role codes). */
export const ROLE_LABELS: Record<Role, { en: string; 'zh-CN': string }> = {
  sysadmin: { en: 'System administrator', 'zh-CN': '系统管理员' },
  operator: { en: 'Operator', 'zh-CN': '操作员' },
  reviewer: { en: 'Reviewer', 'zh-CN': '审核员' },
  qa: { en: 'Quality assurance', 'zh-CN': '质量保证' },
  auditor: { en: 'Auditor', 'zh-CN': '审计员' },
  integration: { en: 'Integration (system account)', 'zh-CN': '系统集成账户' },
}

/** The label of the role the system itself acts in (`SYSTEM_ACTOR`, scheduled and start-up work). */
export const SYSTEM_ROLE_LABEL: { en: string; 'zh-CN': string } = { en: 'System', 'zh-CN': '系统' }

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value)
}

/**
 * Segregation of duties (R-AC-06): a system administrator holds no GMP role; an integration
 * account holds no other role; every account holds at least one role.
 *
 * @throws VeritrailError `segregation_of_duties` or `validation_failed`.
 */
export function checkRoles(roles: readonly string[]): Role[] {
  const unknown = roles.filter((r) => !isRole(r))
  if (unknown.length > 0) {
    throw new VeritrailError('validation_failed', `Unknown role(s): ${unknown.join(', ')}. Roles are ${ROLES.join(', ')}.`, {
      errors: [{ path: 'roles', message: `Unknown: ${unknown.join(', ')}` }],
    })
  }
  const set = [...new Set(roles as Role[])]
  if (set.length === 0) {
    throw new VeritrailError('validation_failed', 'An account needs at least one role.', { errors: [{ path: 'roles', message: 'At least one role.' }] })
  }
  if (set.includes('sysadmin') && set.some((r) => GMP_ROLES.includes(r))) {
    throw new VeritrailError(
      'segregation_of_duties',
      'A system administrator cannot also create, review or approve GMP records (operator, reviewer, qa): give these duties to another person.',
      { errors: [{ path: 'roles', message: 'sysadmin cannot be combined with operator, reviewer or qa.' }] },
    )
  }
  if (set.includes('integration') && set.length > 1) {
    throw new VeritrailError('segregation_of_duties', 'An integration account holds only the integration role: it cannot log in, sign or review.', {
      errors: [{ path: 'roles', message: 'integration cannot be combined with other roles.' }],
    })
  }
  return set
}

/**
 * The role a user acts in (R-AT-03): the first of `allowed` (in the order the operation
 * prefers) that the user holds; undefined when they hold none.
 */
export function actingRole(held: readonly string[], allowed: readonly string[]): string | undefined {
  return allowed.find((r) => held.includes(r))
}
