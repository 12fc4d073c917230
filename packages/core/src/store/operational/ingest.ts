import type { WriteTx } from '../types.js'

export function rememberResponse(tx: WriteTx, r: { accountId: string; key: string; requestHash: string; status: number; response: string; ts: string }): Promise<void> {
  return tx.operational(
    'INSERT INTO idempotency_keys (key, account_id, request_hash, status, response, ts) VALUES (?, ?, ?, ?, ?, ?)',
    [r.key, r.accountId, r.requestHash, r.status, r.response, r.ts],
  )
}
