import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { JsonValue } from '../canonical/canonical-json.js'
import type { Core } from '../core.js'
import { VeritrailError } from '../errors.js'
import type { BackupTarget, BackupTargetCapabilities } from '../extension/backup-target.js'
import type { LocalizedText } from '../extension/i18n.js'
import { uuidv7 } from '../ids.js'
import { isoTime } from '../ledger/clock.js'
import type { ActionContext } from '../ledger/context.js'
import type { EntryDraft } from '../ledger/entry.js'
import {
  completeBackup,
  failAbandoned,
  failBackup,
  startBackup,
} from '../store/operational/backups.js'
import {
  backupById,
  chainHead,
  chainHeads,
  latestCompleted,
  listBackups,
  type BackupRow,
} from '../store/queries/backups.js'
import { buildSet, type SetPlan } from './build-set.js'
import { loadBackupKeys } from './keys.js'
import { parseManifest, type Manifest, type ManifestObject } from './manifest.js'
import { attachmentFile, type BackupSite } from './site.js'
import { WalChain } from './wal-chain.js'
import { backupWorkers } from './worker-pool.js'
import { restoreDrill, type DrillReport } from './drill.js'
import { verifySet } from './verify-set.js'
import { pruneTarget, type PruneReport } from './prune.js'

/** Spooled WAL segments kept for targets whose chains continue (default 1 GiB). */
export const DEFAULT_SPOOL_BYTES = 1024 * 1024 * 1024

export interface BackupEngineOptions {
  core: Core
  /** The targets plugins registered (`PluginHost.backupTargets()`), asked at every use. */
  targets: () => Promise<BackupTarget[]>
  spoolMaxBytes?: number
}

/** What `POST /api/v1/backups` answers (CONTRACT §9), plus what the catalog knows. */
export interface BackupResult {
  id: string
  status: 'completed'
  bytes: number
  sha256: string
  kind: 'full' | 'incremental'
  target: string
  generation: string
  position: number
  trails: Manifest['trails']
  promoted?: string
}

/** A catalog row as the API lists it. */
export interface BackupView extends Omit<BackupRow, 'manifest'> {
  trails?: Manifest['trails']
  promoted?: string
  base?: string
  previous?: string | null
}

/** What `POST /api/v1/backups/:id/verify` answers. */
export interface BackupVerification {
  ok: boolean
  backupId: string
  target: string
  objects: number
  bytes: number
  problems: string[]
}

export interface TargetView {
  id: string
  label: LocalizedText
  capabilities: BackupTargetCapabilities
}

/**
 * The backup engine (ARCHITECTURE §1 `backup/`): builds full and incremental sets over the WAL
 * chain, catalogs them, and records every success and failure in the system trail; a failure
 * also raises a `backup_failed` alert. One backup, verification, drill or prune runs at a time.
 */
export class BackupEngine {
  readonly site: BackupSite
  #serial: Promise<unknown> = Promise.resolve()
  readonly #restoreGuard: () => void

  private constructor(
    readonly core: Core,
    private readonly options: BackupEngineOptions,
    site: BackupSite,
  ) {
    this.site = site
    this.#restoreGuard = core.store.walGuard?.use(() => this.capture()) ?? (() => undefined)
  }

  static async open(options: BackupEngineOptions): Promise<BackupEngine> {
    const { core } = options
    const keys = await loadBackupKeys(core.dataDir)
    backupWorkers.warm()
    let engine: BackupEngine | undefined
    const chain = new WalChain(
      core.store,
      core.ledger,
      join(core.dataDir, 'wal-spool'),
      (reason, previous) => engine?.recordGap(reason, previous),
    )
    const site: BackupSite = {
      dataDir: core.dataDir,
      installId: core.installId,
      store: core.store,
      ledger: core.ledger,
      chain,
      keys,
      attachmentFile: (sha) => attachmentFile(core.dataDir, sha),
    }
    engine = new BackupEngine(core, options, site)
    await core.store.write((tx) => failAbandoned(tx, isoTime(Date.now())))
    await chain.capture().catch(() => undefined)
    return engine
  }

  /** Ships the WAL into the spool (the WAL guard calls this when the log grows large). */
  async capture(): Promise<void> {
    await this.site.chain.capture()
    await this.#pruneSpool()
  }

  async targets(): Promise<TargetView[]> {
    return (await this.options.targets()).map((t) => ({
      id: t.id,
      label: t.label,
      capabilities: { ...t.capabilities },
    }))
  }

  /** Finds a target by id, or by the part after its pack (`local` for `backup.local`). */
  async target(id: string): Promise<BackupTarget> {
    const all = await this.options.targets()
    const exact = all.find((t) => t.id === id)
    if (exact) return exact
    const bySuffix = all.filter((t) => t.id.endsWith(`.${id}`))
    if (bySuffix.length === 1) return bySuffix[0]!
    throw new VeritrailError(
      'not_found',
      `There is no backup target “${id}”. Targets: ${all.map((t) => t.id).join(', ') || 'none'}.`,
      {
        errors: [{ path: 'target', message: 'Unknown backup target.' }],
      },
    )
  }

  /** Runs `job` after every earlier backup, verification, drill or prune. */
  serial<T>(job: () => Promise<T>): Promise<T> {
    const run = this.#serial.then(job)
    this.#serial = run.catch(() => undefined)
    return run
  }

  /**
   * Makes a backup set on `targetId`. `incremental` ships the WAL segments since the target's
   * last set of this generation; when the target has none, or the spool lost a segment, it
   * makes a full set instead and says why (`promoted`). `snapshot: 'vacuum'` makes a
   * standalone `VACUUM INTO` full set (compact, but not a chain base).
   */
  async run(
    input: { target: string; kind: 'full' | 'incremental'; snapshot?: 'page-copy' | 'vacuum' },
    ctx: ActionContext = this.core.systemContext(),
  ): Promise<BackupResult> {
    const target = await this.target(input.target)
    return this.serial(async () => {
      const { chain } = this.site
      const id = uuidv7()
      await this.core.store.write((tx) =>
        startBackup(tx, {
          id,
          target: target.id,
          kind: input.kind,
          generation: chain.generation,
          position: Math.max(chain.position, 0),
          startedAt: isoTime(Date.now()),
        }),
      )
      try {
        const plan = await this.#plan(target, input)
        const built = await buildSet(
          this.site,
          target,
          id,
          plan,
          await this.#knownAttachments(target),
        )
        const { manifest } = built
        const result: BackupResult = {
          id,
          status: 'completed',
          bytes: built.bytes,
          sha256: built.sha256,
          kind: manifest.kind,
          target: target.id,
          generation: manifest.generation,
          position: manifest.position.to,
          trails: manifest.trails,
          ...(manifest.promoted ? { promoted: manifest.promoted } : {}),
        }
        await this.core.ledger.commit(async (tx) => {
          await completeBackup(tx, id, {
            kind: manifest.kind,
            generation: manifest.generation,
            position: manifest.position.to,
            bytes: built.bytes,
            sha256: built.sha256,
            manifest: JSON.stringify(manifest),
            finishedAt: isoTime(Date.now()),
          })
          return {
            entries: [
              this.entry(ctx, 'backup', { backupId: id, status: 'completed', ...summary(result) }),
            ],
            result: () => undefined,
          }
        })
        await this.#pruneSpool()
        return result
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error)
        await this.core.store.write((tx) => failBackup(tx, id, message, isoTime(Date.now())))
        await this.core.recordEvent(
          [
            this.entry(ctx, 'backup', {
              backupId: id,
              status: 'failed',
              target: target.id,
              kind: input.kind,
              error: message,
            }),
          ],
          {
            kind: 'backup_failed',
            severity: 'critical',
            message: `The ${input.kind} backup to ${target.id} FAILED: ${message}`,
            details: { backupId: id, target: target.id, kind: input.kind },
          },
        )
        throw error
      }
    })
  }

  /** The catalog, newest first. */
  async list(options: { target?: string; limit?: number } = {}): Promise<BackupView[]> {
    return (await listBackups(this.core.store.read.sql, options)).map(view)
  }

  /** A cataloged backup and its manifest; `not_found` otherwise. */
  async backup(id: string): Promise<{ row: BackupRow; manifest: Manifest | null }> {
    const row = await backupById(this.core.store.read.sql, id)
    if (!row) throw new VeritrailError('not_found', `There is no backup ${id} in the catalog.`)
    return { row, manifest: row.manifest ? parseManifest(row.manifest) : null }
  }

  /**
   * Verifies a cataloged set as stored on its target (see `verifySet`) and records the result in
   * the system trail (R-BK-02); a failure raises a critical `backup_failed` alert.
   */
  async verify(
    id: string,
    ctx: ActionContext = this.core.systemContext(),
  ): Promise<BackupVerification> {
    const { row, manifest } = await this.backup(id)
    if (row.status !== 'completed')
      throw new VeritrailError(
        'validation_failed',
        `Backup ${id} is ${row.status}; only a completed backup can be verified.`,
      )
    const target = await this.target(row.target)
    return this.serial(async () => {
      mkdirSync(join(this.site.dataDir, 'tmp'), { recursive: true })
      const work = mkdtempSync(join(this.site.dataDir, 'tmp', 'verify-'))
      let result: BackupVerification
      try {
        const checked = await verifySet({
          target,
          installId: manifest?.installId ?? this.site.installId,
          setId: id,
          identities: [this.site.keys.identity],
          workDir: work,
          expect: { sha256: row.sha256, manifest },
        })
        result = {
          ok: checked.ok,
          backupId: id,
          target: target.id,
          objects: checked.objects,
          bytes: checked.bytes,
          problems: checked.problems,
        }
      } finally {
        rmSync(work, { recursive: true, force: true })
      }
      await this.core.recordEvent(
        [this.entry(ctx, 'backup_verify', { ...result })],
        result.ok
          ? undefined
          : {
              kind: 'backup_failed',
              severity: 'critical',
              message: `Backup ${id} on ${target.id} FAILED verification: ${result.problems[0]}`,
              details: { backupId: id, target: target.id },
            },
      )
      return result
    })
  }

  /** Restores a set into a scratch folder, verifies it, and records the drill (see `restoreDrill`). */
  drill(id: string, ctx: ActionContext = this.core.systemContext()): Promise<DrillReport> {
    return restoreDrill(this, id, ctx)
  }

  /** Applies the retention settings to a target, as an audited operation (see `pruneTarget`). */
  prune(
    target: string,
    ctx: ActionContext,
    options: { reason: string; dryRun?: boolean; now?: number },
  ): Promise<PruneReport> {
    return pruneTarget(this, target, ctx, options)
  }

  /** A system-trail entry of this engine's work. */
  entry(
    ctx: ActionContext,
    action: 'backup' | 'backup_verify' | 'backup_prune' | 'restore_drill',
    details: Record<string, JsonValue>,
  ): EntryDraft {
    const entry: EntryDraft = {
      trail: 'system',
      actor: ctx.actor,
      action,
      correlationId: ctx.correlationId,
      client: ctx.client,
      details,
    }
    if (ctx.session) entry.session = ctx.session
    return entry
  }

  /** A gap in the WAL chain is never silent: a system entry and a warning. */
  async recordGap(reason: string, previousGeneration: string): Promise<void> {
    const ctx = this.core.systemContext()
    await this.core.recordEvent(
      [
        this.entry(ctx, 'backup', {
          event: 'new_generation',
          reason,
          previousGeneration,
          generation: this.site.chain.generation,
        }),
      ],
      {
        kind: 'backup_failed',
        severity: 'warning',
        message: `The WAL chain was broken (${reason}); the next incremental backup of every target becomes a full backup.`,
        details: { previousGeneration },
      },
    )
  }

  /** Waits for the work under way, then stops using the engine's capture for the WAL guard. */
  async close(): Promise<void> {
    await this.#serial
    this.#restoreGuard()
  }

  async #plan(
    target: BackupTarget,
    input: { kind: 'full' | 'incremental'; snapshot?: 'page-copy' | 'vacuum' },
  ): Promise<SetPlan> {
    if (input.kind === 'full') return { kind: 'full', snapshot: input.snapshot ?? 'page-copy' }
    const { chain } = this.site
    const point = await chain.capture()
    const head = await chainHead(this.core.store.read.sql, target.id, point.generation)
    if (!head?.manifest)
      return {
        kind: 'full',
        snapshot: 'page-copy',
        promoted: `${target.id} holds no backup of the current WAL generation yet`,
      }
    const headManifest = parseManifest(head.manifest)
    const segments = chain.segments(head.position + 1, point.position)
    if (!segments)
      return {
        kind: 'full',
        snapshot: 'page-copy',
        promoted: `the WAL spool no longer holds segment ${head.position + 1}`,
      }
    return { kind: 'incremental', head, headManifest, point, segments }
  }

  async #knownAttachments(target: BackupTarget): Promise<Map<string, ManifestObject>> {
    const latest = await latestCompleted(this.core.store.read.sql, target.id)
    const known = new Map<string, ManifestObject>()
    if (!latest?.manifest) return known
    const manifest = parseManifest(latest.manifest)
    if (manifest.installId !== this.site.installId) return known
    for (const o of manifest.objects) {
      const sha = /([0-9a-f]{64})\.zst\.age$/.exec(o.path)?.[1]
      if (o.role === 'attachment' && sha) known.set(sha, o)
    }
    return known
  }

  /** Keeps the segments some target's chain still needs, within the spool's size limit. */
  async #pruneSpool(): Promise<void> {
    const { chain } = this.site
    const heads = await chainHeads(this.core.store.read.sql, chain.generation)
    const keepFrom =
      heads.length === 0 ? chain.position + 1 : Math.min(...heads.map((h) => h.position)) + 1
    chain.prune(keepFrom, this.options.spoolMaxBytes ?? DEFAULT_SPOOL_BYTES)
  }
}

/** Opens the backup engine of an installation (creates the site key at first use). */
export function openBackups(options: BackupEngineOptions): Promise<BackupEngine> {
  return BackupEngine.open(options)
}

function summary(r: BackupResult): Record<string, JsonValue> {
  return {
    target: r.target,
    kind: r.kind,
    generation: r.generation,
    position: r.position,
    bytes: r.bytes,
    sha256: r.sha256,
    trails: r.trails,
    ...(r.promoted ? { promoted: r.promoted } : {}),
  }
}

function view(row: BackupRow): BackupView {
  const { manifest: text, ...rest } = row
  if (!text) return rest
  const m = parseManifest(text)
  return {
    ...rest,
    trails: m.trails,
    base: m.base,
    previous: m.previous,
    ...(m.promoted ? { promoted: m.promoted } : {}),
  }
}
