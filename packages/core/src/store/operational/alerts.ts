import type { WriteTx } from '../types.js'

export function recordDelivery(tx: WriteTx, alertId: string, outcome: { deliveredAt: string | null; error: string | null }): Promise<void> {
  return tx.operational(
    `INSERT INTO alert_deliveries (alert_id, attempts, delivered_at, last_error) VALUES (?, 1, ?, ?)
      ON CONFLICT (alert_id) DO UPDATE SET attempts = attempts + 1, delivered_at = excluded.delivered_at, last_error = excluded.last_error`,
    [alertId, outcome.deliveredAt, outcome.error],
  )
}
