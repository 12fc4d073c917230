import type { Locale } from '../api/client.ts'

type Labels = Record<string, Record<Locale, string>>

/** Role names for people; the screen never shows role codes. */
export const ROLE_LABELS: Labels = {
  sysadmin: { en: 'System administrator', 'zh-CN': '系统管理员' },
  operator: { en: 'Operator', 'zh-CN': '操作员' },
  reviewer: { en: 'Reviewer', 'zh-CN': '审核员' },
  qa: { en: 'Quality assurance', 'zh-CN': '质量保证' },
  auditor: { en: 'Auditor', 'zh-CN': '审计员' },
  integration: { en: 'Integration (system account)', 'zh-CN': '系统集成账户' },
  system: { en: 'System', 'zh-CN': '系统' },
}

/**
 * Action names for the filter list (entries bring their own `display.action`). The same words
 * as the server's, so a filter and the rows it finds read alike.
 */
export const ACTION_LABELS: Labels = {
  create: { en: 'Created', 'zh-CN': '创建' },
  update: { en: 'Modified', 'zh-CN': '修改' },
  delete: { en: 'Deleted', 'zh-CN': '删除' },
  transition: { en: 'Status changed', 'zh-CN': '状态变更' },
  sign: { en: 'Signed', 'zh-CN': '签名' },
  signature_withdraw: { en: 'Signature withdrawn', 'zh-CN': '撤回签名' },
  review: { en: 'Audit trail reviewed', 'zh-CN': '审计追踪已审核' },
  ingest: { en: 'Data received from a system', 'zh-CN': '接收系统数据' },
  login: { en: 'Signed in', 'zh-CN': '登录' },
  login_failed: { en: 'Sign-in refused', 'zh-CN': '登录被拒绝' },
  logout: { en: 'Signed out', 'zh-CN': '退出登录' },
  session_expired: { en: 'Session timed out', 'zh-CN': '会话超时' },
  lock: { en: 'Account locked', 'zh-CN': '账户已锁定' },
  unlock: { en: 'Account unlocked', 'zh-CN': '账户已解锁' },
  password_change: { en: 'Password changed', 'zh-CN': '修改密码' },
  password_reset: { en: 'Password reset by an administrator', 'zh-CN': '管理员重置密码' },
  user_create: { en: 'Account created', 'zh-CN': '创建账户' },
  role_change: { en: 'Roles changed', 'zh-CN': '角色变更' },
  user_disable: { en: 'Account disabled', 'zh-CN': '停用账户' },
  token_issue: { en: 'API token issued', 'zh-CN': '签发 API 令牌' },
  token_revoke: { en: 'API token revoked', 'zh-CN': '吊销 API 令牌' },
  access_denied: { en: 'Access refused', 'zh-CN': '拒绝访问' },
  signature_failed: { en: 'Signing refused', 'zh-CN': '签名被拒绝' },
  config_change: { en: 'Setting changed', 'zh-CN': '设置变更' },
  plugin_install: { en: 'Plugin installed', 'zh-CN': '安装插件' },
  plugin_enable: { en: 'Plugin enabled', 'zh-CN': '启用插件' },
  plugin_disable: { en: 'Plugin disabled', 'zh-CN': '停用插件' },
  export: { en: 'Exported', 'zh-CN': '导出' },
  backup: { en: 'Backed up', 'zh-CN': '备份' },
  restore: { en: 'Restored from backup', 'zh-CN': '从备份恢复' },
  clock_change: { en: 'Server clock moved backwards', 'zh-CN': '服务器时钟回拨' },
  key_rotation: { en: 'Signing key rotated', 'zh-CN': '轮换签名密钥' },
  ingest_rejected: { en: 'Data from a system refused', 'zh-CN': '拒绝系统数据' },
  verify: { en: 'Audit trail verified', 'zh-CN': '审计追踪校验' },
  attachment_add: { en: 'Attachment added', 'zh-CN': '添加附件' },
  system_start: { en: 'System started', 'zh-CN': '系统启动' },
  system_stop: { en: 'System stopped', 'zh-CN': '系统停止' },
}

/** Signature meanings (CONTRACT §6). */
export const MEANING_LABELS: Labels = {
  authorship: { en: 'Authorship', 'zh-CN': '编制' },
  review: { en: 'Review', 'zh-CN': '审核' },
  approval: { en: 'Approval', 'zh-CN': '批准' },
  responsibility: { en: 'Responsibility', 'zh-CN': '负责' },
}

/** The label of `code` in `labels`, or the code made readable when it is unknown. */
export function labelOf(labels: Labels, code: string, locale: Locale): string {
  return labels[code]?.[locale] ?? humanize(code)
}

/** `sterilisationTime` or `login_failed` → `Sterilisation time` / `Login failed`. */
export function humanize(code: string): string {
  const words = code
    .replace(/[_.-]+/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}
