import type { Entry } from '../api/types.ts'

/** Review-by-exception classes: what a reviewer must look at first. */
export type ExceptionClass = 'none' | 'change' | 'critical'

/** Security and integrity events: always worth a reviewer's attention. */
const CRITICAL_ACTIONS = new Set([
  'delete',
  'login_failed',
  'lock',
  'access_denied',
  'signature_failed',
  'signature_withdraw',
  'clock_change',
  'ingest_rejected',
  'user_disable',
  'key_rotation',
  'restore',
  'plugin_trust',
])

/** Changes of configuration, accounts or records that are not critical by themselves. */
const CHANGE_ACTIONS = new Set([
  'update',
  'transition',
  'role_change',
  'password_reset',
  'config_change',
  'token_issue',
  'token_revoke',
  'mfa_revoke',
  'plugin_install',
  'plugin_enable',
  'plugin_disable',
  'plugin_upgrade',
  'unlock',
])

/** Whether `field` of record type `type` is critical (from `GET /api/v1/record-types`). */
export type CriticalLookup = (type: string, field: string) => boolean

/**
 * Classifies an entry from its action and changes: deletions, security events, failed
 * verifications and modified critical fields are critical; other modifications are changes;
 * creations, sign-ins, signatures and reviews change nothing that was recorded before.
 */
export function classifyEntry(entry: Entry, isCritical: CriticalLookup): ExceptionClass {
  if (CRITICAL_ACTIONS.has(entry.action)) return 'critical'
  if (entry.action === 'verify' && entry.details?.ok === false) return 'critical'
  const modified = (entry.changes ?? []).filter((c) => c.old !== undefined)
  if (entry.target && modified.some((c) => isCritical(entry.target!.type, c.field)))
    return 'critical'
  if (modified.length > 0 || CHANGE_ACTIONS.has(entry.action)) return 'change'
  return 'none'
}
