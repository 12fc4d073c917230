import type { Alert, Core } from '@veritrail/core'

const RETRY_MS = [1_000, 5_000, 30_000, 120_000]

/**
 * Delivers alerts to the configured webhook (CONTRACT §8, R-AC-10): POSTs each alert as JSON
 * the moment its commit returns, retries with backoff, and re-sends undelivered alerts at
 * start-up. Every attempt is recorded (operational state); the alerts themselves are evidence.
 */
export function startNotifier(core: Core, log: (line: string) => void = () => {}): { stop(): void } {
  const inFlight = new Set<string>()
  const timers = new Set<NodeJS.Timeout>()
  let stopped = false

  const deliver = async (alert: Alert, attempt = 0): Promise<void> => {
    if (stopped || inFlight.has(alert.id)) return
    const url = (await core.settings.get()).alerts.webhookUrl
    if (!url) return
    inFlight.add(alert.id)
    let error: string | null = null
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'veritrail-alerts' },
        body: JSON.stringify({ source: 'veritrail', installId: core.installId, ...alert }),
        signal: AbortSignal.timeout(5_000),
      })
      if (!res.ok) error = `HTTP ${res.status}`
    } catch (e) {
      error = (e as Error).message
    } finally {
      inFlight.delete(alert.id)
    }
    await core.recordAlertDelivery(alert.id, { deliveredAt: error ? null : new Date().toISOString(), error }).catch(() => undefined)
    if (error && !stopped && attempt < RETRY_MS.length) {
      log(`alert ${alert.id} (${alert.kind}) not delivered: ${error}; retrying`)
      const timer = setTimeout(() => {
        timers.delete(timer)
        void deliver(alert, attempt + 1)
      }, RETRY_MS[attempt])
      timer.unref()
      timers.add(timer)
    }
  }

  const unsubscribe = core.alerts.subscribe((alert) => void deliver(alert))
  void core.alerts.undelivered().then((pending) => pending.forEach((a) => void deliver(a))).catch(() => undefined)
  return {
    stop() {
      stopped = true
      unsubscribe()
      for (const t of timers) clearTimeout(t)
    },
  }
}
