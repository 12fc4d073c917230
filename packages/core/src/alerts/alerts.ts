import type { JsonValue } from '../canonical/canonical-json.js'
import { canonicalJson } from '../canonical/canonical-json.js'
import { uuidv7 } from '../ids.js'
import type { ReadExecutor } from '../store/types.js'
import { listAlerts, undeliveredAlerts, type AlertRow } from '../store/queries/alerts.js'

export type AlertSeverity = 'info' | 'warning' | 'critical'

/** What kinds of alarm the system raises (R-AC-10, R-BK-04, R-AR-07). */
export type AlertKind =
  | 'account_locked'
  | 'signature_failed'
  | 'disabled_account_login'
  | 'backup_failed'
  | 'backup_missed'
  | 'verification_failed'
  | 'restore_epoch'
  | 'clock_change'

export interface Alert {
  id: string
  kind: AlertKind
  severity: AlertSeverity
  message: string
  details: Record<string, JsonValue>
  seq: number | null
  ts: string
}

/** Builds the append-only row of an alert, to commit with the entry that records its cause. */
export function alertRow(alert: Omit<Alert, 'id' | 'ts' | 'seq'>, at: { seq: number; ts: string }) {
  const id = uuidv7()
  return {
    row: { id, kind: alert.kind, severity: alert.severity, message: alert.message, details: canonicalJson(alert.details), seq: at.seq, ts: at.ts },
    alert: { ...alert, id, seq: at.seq, ts: at.ts } satisfies Alert,
  }
}

/**
 * Raised alerts reach listeners (the server's webhook notifier) right after the commit that
 * recorded them; `list` serves `GET /api/v1/alerts`.
 */
export class AlertChannel {
  readonly #listeners = new Set<(alert: Alert) => void>()

  constructor(private readonly reads: ReadExecutor) {}

  /** Subscribes; returns a function that unsubscribes. */
  subscribe(listener: (alert: Alert) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /** Called after the commit that stored `alerts`. */
  publish(alerts: Alert[]): void {
    for (const alert of alerts) for (const listener of this.#listeners) listener(alert)
  }

  async list(options: { limit?: number; before?: string } = {}): Promise<(Alert & { delivery: { attempts: number; deliveredAt: string | null; lastError: string | null } })[]> {
    return (await listAlerts(this.reads, options.limit ?? 100, options.before)).map((r) => ({
      ...fromRow(r),
      delivery: { attempts: r.attempts, deliveredAt: r.deliveredAt, lastError: r.lastError },
    }))
  }

  /** Alerts the webhook has not received yet, oldest first (retried by the notifier). */
  async undelivered(limit = 50): Promise<Alert[]> {
    return (await undeliveredAlerts(this.reads, limit)).map(fromRow)
  }
}

function fromRow(r: AlertRow): Alert {
  return { id: r.id, kind: r.kind as AlertKind, severity: r.severity as AlertSeverity, message: r.message, details: r.details ? JSON.parse(r.details) : {}, seq: r.seq, ts: r.ts }
}
