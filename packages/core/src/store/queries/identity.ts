import type { ReadExecutor } from '../types.js'

/** An account's current state: the `accounts` row joined with its latest version. */
export interface AccountRow {
  id: string
  username: string
  kind: 'person' | 'integration' | 'system'
  createdTs: string
  version: number
  displayName: string
  roles: string[]
  status: 'active' | 'disabled'
  passwordHash: string | null
  passwordSetTs: string | null
  mustChangePassword: boolean
  totpSecret: string | null
  signatureAcceptedTs: string | null
  ts: string
  seq: number
  actorId: string
}

const CURRENT = `SELECT a.id, a.username, a.kind, a.ts, v.version, v.display_name, v.roles, v.status, v.password_hash,
  v.password_set_ts, v.must_change_password, v.totp_secret, v.signature_accepted_ts, v.ts, v.seq, v.actor_id
  FROM accounts a JOIN account_versions v ON v.account_id = a.id
  AND v.version = (SELECT max(version) FROM account_versions m WHERE m.account_id = a.id)`

function account(r: ArrayLike<unknown>): AccountRow {
  return {
    id: String(r[0]),
    username: String(r[1]),
    kind: r[2] as AccountRow['kind'],
    createdTs: String(r[3]),
    version: Number(r[4]),
    displayName: String(r[5]),
    roles: JSON.parse(String(r[6])) as string[],
    status: r[7] as AccountRow['status'],
    passwordHash: (r[8] as string | null) ?? null,
    passwordSetTs: (r[9] as string | null) ?? null,
    mustChangePassword: Number(r[10]) === 1,
    totpSecret: (r[11] as string | null) ?? null,
    signatureAcceptedTs: (r[12] as string | null) ?? null,
    ts: String(r[13]),
    seq: Number(r[14]),
    actorId: String(r[15]),
  }
}

export async function accountById(db: ReadExecutor, id: string): Promise<AccountRow | null> {
  const rows = await db.select(`${CURRENT} WHERE a.id = ?`, [id])
  return rows[0] ? account(rows[0]) : null
}

export async function accountByUsername(db: ReadExecutor, username: string): Promise<AccountRow | null> {
  const rows = await db.select(`${CURRENT} WHERE a.username = ?`, [username])
  return rows[0] ? account(rows[0]) : null
}

export async function listAccounts(db: ReadExecutor): Promise<AccountRow[]> {
  return (await db.select(`${CURRENT} ORDER BY a.username`)).map(account)
}

/** Every version of an account, oldest first (role and status history). */
export async function accountHistory(db: ReadExecutor, id: string): Promise<AccountRow[]> {
  const rows = await db.select(
    `SELECT a.id, a.username, a.kind, a.ts, v.version, v.display_name, v.roles, v.status, v.password_hash,
      v.password_set_ts, v.must_change_password, v.totp_secret, v.signature_accepted_ts, v.ts, v.seq, v.actor_id
      FROM accounts a JOIN account_versions v ON v.account_id = a.id WHERE a.id = ? ORDER BY v.version`,
    [id],
  )
  return rows.map(account)
}

/** The account's distinct password hashes, newest first (password history). */
export async function passwordHistory(db: ReadExecutor, id: string): Promise<string[]> {
  const rows = await db.select(
    `SELECT password_hash FROM account_versions WHERE account_id = ? AND password_hash IS NOT NULL
      GROUP BY password_hash ORDER BY max(version) DESC`,
    [id],
  )
  return rows.map((r) => String(r[0]))
}

export async function lockoutOf(db: ReadExecutor, accountId: string): Promise<{ failures: number; locked: boolean }> {
  const rows = await db.select('SELECT failures, locked FROM lockouts WHERE account_id = ?', [accountId])
  const r = rows[0]
  return r ? { failures: Number(r[0]), locked: Number(r[1]) === 1 } : { failures: 0, locked: false }
}

export interface SessionRow {
  id: string
  accountId: string
  role: string | null
  createdAt: string
  lastSeenAt: string
  endedAt: string | null
  signedOnce: boolean
  ip: string
  userAgent: string
}

export async function sessionByTokenHash(db: ReadExecutor, tokenHash: string): Promise<SessionRow | null> {
  const rows = await db.select(
    'SELECT id, account_id, role, created_at, last_seen_at, ended_at, signed_once, ip, user_agent FROM sessions WHERE token_hash = ?',
    [tokenHash],
  )
  const r = rows[0]
  if (!r) return null
  return {
    id: String(r[0]),
    accountId: String(r[1]),
    role: (r[2] as string | null) ?? null,
    createdAt: String(r[3]),
    lastSeenAt: String(r[4]),
    endedAt: (r[5] as string | null) ?? null,
    signedOnce: Number(r[6]) === 1,
    ip: String(r[7]),
    userAgent: String(r[8]),
  }
}

/** Open sessions of an account (to end them on disable, reset or revocation). */
export async function openSessionIds(db: ReadExecutor, accountId: string): Promise<string[]> {
  const rows = await db.select('SELECT id FROM sessions WHERE account_id = ? AND ended_at IS NULL', [accountId])
  return rows.map((r) => String(r[0]))
}

export interface ApiTokenRow {
  id: string
  accountId: string
  name: string
  ts: string
  revokedTs: string | null
}

export async function apiTokenByHash(db: ReadExecutor, tokenHash: string): Promise<ApiTokenRow | null> {
  const rows = await db.select(
    `SELECT t.id, t.account_id, t.name, t.ts, r.ts FROM api_tokens t LEFT JOIN api_token_revocations r ON r.token_id = t.id
      WHERE t.token_hash = ?`,
    [tokenHash],
  )
  const r = rows[0]
  return r ? { id: String(r[0]), accountId: String(r[1]), name: String(r[2]), ts: String(r[3]), revokedTs: (r[4] as string | null) ?? null } : null
}

export async function apiTokensOf(db: ReadExecutor, accountId: string): Promise<ApiTokenRow[]> {
  const rows = await db.select(
    `SELECT t.id, t.account_id, t.name, t.ts, r.ts FROM api_tokens t LEFT JOIN api_token_revocations r ON r.token_id = t.id
      WHERE t.account_id = ? ORDER BY t.ts`,
    [accountId],
  )
  return rows.map((r) => ({ id: String(r[0]), accountId: String(r[1]), name: String(r[2]), ts: String(r[3]), revokedTs: (r[4] as string | null) ?? null }))
}

/** Last successful login per account (access reviews, dormant accounts). */
export async function lastLogins(db: ReadExecutor): Promise<Map<string, string>> {
  const rows = await db.select("SELECT actor_id, max(ts) FROM entries WHERE action = 'login' AND trail = 'system' GROUP BY actor_id")
  return new Map(rows.map((r) => [String(r[0]), String(r[1])]))
}
