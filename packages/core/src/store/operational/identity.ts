import type { WriteTx } from '../types.js'

/** Operational writes of identity: sessions and lockout counters (mutable, not evidence). */

export function insertSession(
  tx: WriteTx,
  s: { id: string; tokenHash: string; accountId: string; role: string | null; at: string; ip: string; userAgent: string },
): Promise<void> {
  return tx.operational(
    `INSERT INTO sessions (id, token_hash, account_id, role, created_at, last_seen_at, ended_at, end_reason, signed_once, ip, user_agent)
      VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, 0, ?, ?)`,
    [s.id, s.tokenHash, s.accountId, s.role, s.at, s.at, s.ip, s.userAgent],
  )
}

export function touchSession(tx: WriteTx, id: string, at: string): Promise<void> {
  return tx.operational('UPDATE sessions SET last_seen_at = ? WHERE id = ? AND ended_at IS NULL', [at, id])
}

export function markSessionSigned(tx: WriteTx, id: string): Promise<void> {
  return tx.operational('UPDATE sessions SET signed_once = 1 WHERE id = ?', [id])
}

export function endSession(tx: WriteTx, id: string, at: string, reason: string): Promise<void> {
  return tx.operational('UPDATE sessions SET ended_at = ?, end_reason = ? WHERE id = ? AND ended_at IS NULL', [at, reason, id])
}

export function setLockout(tx: WriteTx, accountId: string, failures: number, locked: boolean, at: string): Promise<void> {
  return tx.operational(
    `INSERT INTO lockouts (account_id, failures, locked, updated_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (account_id) DO UPDATE SET failures = excluded.failures, locked = excluded.locked, updated_at = excluded.updated_at`,
    [accountId, failures, locked ? 1 : 0, at],
  )
}
