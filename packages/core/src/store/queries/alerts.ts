import type { ReadExecutor } from '../types.js'

export interface AlertRow {
  id: string
  kind: string
  severity: string
  message: string
  details: string | null
  seq: number | null
  ts: string
  deliveredAt: string | null
  attempts: number
  lastError: string | null
}

export async function listAlerts(db: ReadExecutor, limit: number, before?: string): Promise<AlertRow[]> {
  const rows = await db.select(
    `SELECT a.id, a.kind, a.severity, a.message, a.details, a.seq, a.ts, d.delivered_at, coalesce(d.attempts, 0), d.last_error
      FROM alerts a LEFT JOIN alert_deliveries d ON d.alert_id = a.id
      WHERE (? IS NULL OR a.id < ?) ORDER BY a.id DESC LIMIT ?`,
    [before ?? null, before ?? null, limit],
  )
  return rows.map((r) => ({
    id: String(r[0]),
    kind: String(r[1]),
    severity: String(r[2]),
    message: String(r[3]),
    details: (r[4] as string | null) ?? null,
    seq: r[5] === null ? null : Number(r[5]),
    ts: String(r[6]),
    deliveredAt: (r[7] as string | null) ?? null,
    attempts: Number(r[8]),
    lastError: (r[9] as string | null) ?? null,
  }))
}

/** Alerts not yet delivered to the webhook, oldest first. */
export async function undeliveredAlerts(db: ReadExecutor, limit = 50): Promise<AlertRow[]> {
  const rows = await db.select(
    `SELECT a.id, a.kind, a.severity, a.message, a.details, a.seq, a.ts, d.delivered_at, coalesce(d.attempts, 0), d.last_error
      FROM alerts a LEFT JOIN alert_deliveries d ON d.alert_id = a.id WHERE d.delivered_at IS NULL ORDER BY a.id LIMIT ?`,
    [limit],
  )
  return rows.map((r) => ({
    id: String(r[0]), kind: String(r[1]), severity: String(r[2]), message: String(r[3]), details: (r[4] as string | null) ?? null,
    seq: r[5] === null ? null : Number(r[5]), ts: String(r[6]), deliveredAt: null, attempts: Number(r[8]), lastError: (r[9] as string | null) ?? null,
  }))
}
