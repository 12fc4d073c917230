import { randomBytes, randomUUID } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Locale } from './extension/i18n.js'
import type { RecordGuard } from './records/service.js'
import { RecordService } from './records/service.js'
import type { RecordTypeRegistry } from './extension/record-type.js'
import { hostTimeZone, isTimeZone, isoTime } from './ledger/clock.js'
import type { ActionContext } from './ledger/context.js'
import type { Actor, EntryDraft } from './ledger/entry.js'
import { loadOrCreateCheckpointKey } from './ledger/keys.js'
import { Ledger } from './ledger/ledger.js'
import { openStore, type Store } from './store/store.js'
import { VeritrailError } from './errors.js'
import { AlertChannel, alertRow, type Alert } from './alerts/alerts.js'
import { recordDelivery } from './store/operational/alerts.js'
import { dataEntriesByOthers } from './store/queries/demo.js'
import { AccountService } from './identity/accounts.js'
import { bootstrapAccounts } from './identity/bootstrap.js'
import { SessionService } from './identity/sessions.js'
import { SettingsService } from './settings/settings.js'
import { AttachmentService } from './attachments/attachments.js'
import { AuditService } from './audit/query.js'
import { ProofService } from './audit/proofs.js'
import { IngestService } from './ingest/ingest.js'
import { SignatureService } from './signatures/signatures.js'
import { lifecycleGuard } from './records/lifecycle.js'
import { ReviewService } from './review/reviews.js'
import type { PackedRule } from './review/rules/engine.js'

/** The version of the core, written into `system_start` entries (R-PV-05). */
export const CORE_VERSION = '0.1.0'

/** The account the system itself acts as (clock events, start-up, scheduled jobs). */
export const SYSTEM_ACTOR: Actor = {
  id: 'system',
  username: 'system',
  displayName: 'Veritrail system',
  role: 'system',
  type: 'system',
}

export interface CoreConfig {
  /** `VERITRAIL_DATA`: database (by default), keys, attachments and local backups live below it. */
  dataDir: string
  /** `VERITRAIL_DB_URL`; default `file:<dataDir>/veritrail.db`. */
  dbUrl?: string
  /** `VERITRAIL_TZ`: the site's IANA time zone; default the host's. */
  timeZone?: string
  /** Site default locale: labels inside entries are frozen in it. */
  locale?: Locale
  registry: RecordTypeRegistry
  guards?: RecordGuard[]
  /** Name of the program starting the core, for the `system_start` entry. */
  program?: string
  /** For tests: the server clock. */
  now?: () => number
}

/** An open audit core. */
export interface Core {
  readonly dataDir: string
  readonly installId: string
  /** The checkpoint verifier key to publish out of band. */
  readonly verifierKey: string
  /** The site's IANA time zone now (settings, else VERITRAIL_TZ, else the host's). */
  readonly timeZone: string
  readonly store: Store
  readonly ledger: Ledger
  readonly records: RecordService
  readonly settings: SettingsService
  readonly alerts: AlertChannel
  readonly accounts: AccountService
  readonly sessions: SessionService
  readonly attachments: AttachmentService
  readonly audit: AuditService
  readonly proofs: ProofService
  readonly ingest: IngestService
  readonly signatures: SignatureService
  readonly reviews: ReviewService
  /** Sets where reviews get their exception rules (the plugin host's enabled packs). */
  useRules(source: () => PackedRule[] | Promise<PackedRule[]>): void
  /**
   * Creates the `system` and bootstrap `admin` accounts at first start; returns the generated
   * admin password (to print once) when `adminPassword` was not given.
   */
  bootstrap(adminPassword?: string): Promise<{ createdAdmin: boolean; generatedPassword?: string }>
  /**
   * Appends system events and, when given, raises an alert with them (in the same commit); the
   * alert reaches the alert channel after the commit. For events of the server and jobs
   * (verification results, backups, exports) that have no service of their own.
   */
  recordEvent(entries: EntryDraft[], alert?: Omit<Alert, 'id' | 'ts' | 'seq'>): Promise<void>
  /** Records one webhook delivery attempt of an alert (operational state, not evidence). */
  recordAlertDelivery(alertId: string, outcome: { deliveredAt: string | null; error: string | null }): Promise<void>
  /** `recordEvent` for a verification result: a failed one raises a critical alert. */
  recordVerification(entry: EntryDraft, ok: boolean): Promise<void>
  /** Data-trail entries written by accounts other than `usernames` (`demo seed` refuses real data). */
  dataEntriesByOthers(usernames: readonly string[]): Promise<number>
  /** A context for work the system does on its own behalf. */
  systemContext(): ActionContext
  /** Stores final checkpoints and closes the database. */
  close(): Promise<void>
}

/**
 * Opens the core on a data directory: creates the database (migrated), the installation id and
 * the checkpoint key at first start; records the start in the system trail, and a change of the
 * site's time zone since the last entry as a `config_change` (§2.6).
 */
export async function openCore(config: CoreConfig): Promise<Core> {
  const dataDir = resolve(config.dataDir)
  mkdirSync(dataDir, { recursive: true })
  const timeZone = config.timeZone ?? hostTimeZone()
  if (!isTimeZone(timeZone)) {
    throw new VeritrailError('validation_failed', `“${timeZone}” is not an IANA time zone (for example Europe/Berlin or Asia/Shanghai).`)
  }
  const store = await openStore(config.dbUrl ?? `file:${join(dataDir, 'veritrail.db')}`)
  try {
    const now = config.now ?? Date.now
    const installs = await store.read.installs()
    const installId = installs.at(-1)?.installId ?? `vt-${randomBytes(6).toString('hex')}`
    const key = loadOrCreateCheckpointKey(join(dataDir, 'keys'), installId)
    let settings: SettingsService | undefined
    const siteZone = () => settings?.peek().site.timeZone ?? timeZone
    const ledger = await Ledger.open({
      store,
      installId,
      signer: key.signer,
      timeZone: siteZone,
      systemActor: SYSTEM_ACTOR,
      now,
    })
    settings = new SettingsService(ledger, store.read, () => settings!.peek().site.locale)
    const current = await settings.get()
    const effectiveZone = current.site.timeZone ?? timeZone
    const systemContext = (): ActionContext => ({
      actor: SYSTEM_ACTOR,
      client: { ip: '', userAgent: config.program ?? 'veritrail' },
      correlationId: randomUUID(),
    })
    const ctx = systemContext()
    const lastTz = await lastTimeZone(store)
    const locale = () => config.locale ?? settings!.peek().site.locale
    const entries: EntryDraft[] = [
      {
        trail: 'system',
        actor: SYSTEM_ACTOR,
        action: 'system_start',
        correlationId: ctx.correlationId,
        client: ctx.client,
        details: {
          version: CORE_VERSION,
          installId,
          timeZone: effectiveZone,
          program: config.program ?? 'veritrail',
          firstStart: installs.length === 0,
        },
      },
    ]
    if (lastTz !== null && lastTz !== effectiveZone) {
      entries.push({
        trail: 'system',
        actor: SYSTEM_ACTOR,
        action: 'config_change',
        correlationId: ctx.correlationId,
        client: ctx.client,
        changes: [{ field: 'site.timeZone', label: 'Site time zone', old: lastTz, new: effectiveZone }],
        details: { cause: 'the server started with another time zone (VERITRAIL_TZ or the host zone)' },
      })
    }
    await ledger.commit(async () => ({
      entries,
      rows: () =>
        installs.length === 0 ? { installs: [{ epoch: 1, installId, ts: isoTime(now()), cites: null }] } : {},
      result: () => undefined,
    }))
    const records = new RecordService({
      ledger,
      reads: store.read,
      registry: config.registry,
      locale,
      guards: [lifecycleGuard, ...(config.guards ?? [])],
    })
    const alerts = new AlertChannel(store.read.sql)
    const accounts = new AccountService(ledger, store.read, settings)
    const sessions = new SessionService(ledger, store.read, settings, alerts, SYSTEM_ACTOR, now)
    const s = settings
    const attachments = new AttachmentService(ledger, store.read, join(dataDir, 'attachments'))
    const audit = new AuditService(store.read)
    const ingest = new IngestService(ledger, store.read, records)
    const signatures = new SignatureService(ledger, store.read, records, sessions, s)
    let ruleSource: () => PackedRule[] | Promise<PackedRule[]> = () => []
    const reviews = new ReviewService(ledger, store.read, config.registry, sessions, s, () => ruleSource(), store.url)
    const proofs = new ProofService(ledger, store.read)
    const recordEvent = async (entries: EntryDraft[], alert?: Omit<Alert, 'id' | 'ts' | 'seq'>) => {
      const raised: Alert[] = []
      await ledger.commit(async () => ({
        entries,
        rows: (committed) => {
          if (!alert) return {}
          const built = alertRow(alert, committed[0]!)
          raised.push(built.alert)
          return { alerts: [built.row] }
        },
        result: () => undefined,
      }))
      alerts.publish(raised)
    }
    return {
      dataDir,
      installId,
      verifierKey: key.verifierKey,
      get timeZone() {
        return siteZone()
      },
      store,
      ledger,
      records,
      settings: s,
      alerts,
      accounts,
      sessions,
      attachments,
      audit,
      proofs,
      ingest,
      signatures,
      reviews,
      useRules: (source) => {
        ruleSource = source
      },
      recordEvent,
      dataEntriesByOthers: (usernames) => dataEntriesByOthers(store.read.sql, usernames),
      recordAlertDelivery: (alertId, outcome) => store.write((tx) => recordDelivery(tx, alertId, outcome)),
      recordVerification: (entry, ok) =>
        recordEvent(
          [entry],
          ok ? undefined : { kind: 'verification_failed', severity: 'critical', message: 'Verification of the audit trails FAILED: an entry was altered, removed or inserted outside Veritrail.', details: entry.details ?? {} },
        ),
      bootstrap: (adminPassword) => bootstrapAccounts({ ledger, reads: store.read, settings: s }, systemContext(), adminPassword),
      systemContext,
      async close() {
        await ledger.close()
        await store.close()
      },
    }
  } catch (error) {
    await store.close()
    throw error
  }
}

/** The zone stamped on the newest entry, i.e. the site zone the last writer ran with. */
async function lastTimeZone(store: Store): Promise<string | null> {
  const rs = await store.connections.reader.execute(
    "SELECT bytes FROM entries WHERE trail = 'system' ORDER BY seq DESC LIMIT 1",
  )
  const bytes = rs.rows[0]?.[0]
  return typeof bytes === 'string' ? ((JSON.parse(bytes) as { tz?: string }).tz ?? null) : null
}
