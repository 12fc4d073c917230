import type { ReadExecutor } from '../types.js'

export async function idempotentResponse(db: ReadExecutor, accountId: string, key: string): Promise<{ requestHash: string; status: number; response: string } | null> {
  const rows = await db.select('SELECT request_hash, status, response FROM idempotency_keys WHERE account_id = ? AND key = ?', [accountId, key])
  const r = rows[0]
  return r ? { requestHash: String(r[0]), status: Number(r[1]), response: String(r[2]) } : null
}
