import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { CORE_VERSION } from '../../core.js'
import { VeritrailError } from '../../errors.js'
import { parseVerifierKey } from '../../ledger/note-keys.js'
import { databaseFile } from '../../store/libsql/connect.js'
import { pluginEvents, publisherKeyEvents } from '../../store/queries/plugins.js'
import type { BackupTarget } from '../backup-target.js'
import type { ExceptionRule } from '../exception-rule.js'
import type { Exporter } from '../exporter.js'
import { activatesOn, activationEvent, type ExtensionPoint } from '../manifest.js'
import type { RecordTypeDefinition } from '../record-type.js'
import { DEFAULT_SANDBOX_LIMITS, type SandboxLimits } from '../sandbox/limits.js'
import { startProcessSandbox } from '../sandbox/process-sandbox.js'
import { startWorkerSandbox } from '../sandbox/worker-sandbox.js'
import { ContributionRegistry, POINT_NAMES } from './contribution-registry.js'
import { packFolders, readPack, type DiscoveredPack } from './discovery.js'
import { InProcessPlugin } from './in-process-plugin.js'
import { foldPluginEvents, foldPublisherKeys } from './lifecycle.js'
import { PluginActions } from './plugin-actions.js'
import type {
  Contributed,
  LazyRecordTypeRegistry,
  PluginHost,
  PluginHostOptions,
} from './plugin-host-api.js'
import { PluginSlot } from './plugin-slot.js'
import { decideStatus } from './plugin-status.js'
import { ruleFromSandbox } from './rule-proxy.js'
import { SandboxedPack } from './sandboxed-pack.js'

/**
 * Opens the plugin host: discovers first-party and third-party packs, decides which may run,
 * loads first-party modules (without activating them) and activates `onStartup` plugins.
 *
 * @example
 * const registry = deferredRegistry()
 * const core = await openCore({ dataDir, registry })
 * const host = await openPluginHost({ core, firstPartyDir: 'packages/plugins' })
 * registry.attach(host.registry)
 */
export async function openPluginHost(options: PluginHostOptions): Promise<PluginHost> {
  const host = new Host(options)
  await host.refresh()
  return host.api()
}

class Host {
  readonly opts: Required<Omit<PluginHostOptions, 'firstPartyDir' | 'limits'>> & {
    firstPartyDir: string | undefined
    limits: SandboxLimits
  }
  readonly contributions = new ContributionRegistry()
  slots: PluginSlot[] = []

  constructor(options: PluginHostOptions) {
    this.opts = {
      firstPartyDir: options.firstPartyDir,
      dataPluginsDir: options.dataPluginsDir ?? join(options.core.dataDir, 'plugins'),
      limits: { ...DEFAULT_SANDBOX_LIMITS, ...options.limits },
      firstPartyRules: options.firstPartyRules ?? 'worker',
      coreVersion: options.coreVersion ?? CORE_VERSION,
      core: options.core,
    }
  }

  async refresh(): Promise<void> {
    const reads = this.opts.core.store.read.sql
    const states = foldPluginEvents(await pluginEvents(reads))
    const trusted = foldPublisherKeys(await publisherKeyEvents(reads))
    const sources = import.meta.url.endsWith('.ts')
    const found = [
      ...(this.opts.firstPartyDir
        ? packFolders(this.opts.firstPartyDir).map((d) => [d, 'first-party'] as const)
        : []),
      ...packFolders(this.opts.dataPluginsDir).map((d) => [d, 'third-party'] as const),
    ]
      .map(([dir, origin]) => readPack(dir, origin, trusted, this.opts.coreVersion, sources))
      // When two folders hold the same plugin, first-party wins, then a usable copy.
      .sort((a, b) => rank(a) - rank(b))
    const previous = new Map(this.slots.map((s) => [s.pack.dir, s]))
    const next: PluginSlot[] = []
    const seen = new Map<string, string>()
    for (const pack of found) {
      const other = seen.get(pack.id)
      if (other) {
        pack.unusable = {
          status: 'invalid',
          problems: [
            `A plugin named ${pack.id} was already found in ${other}; this copy is ignored.`,
          ],
        }
      }
      seen.set(pack.id, pack.dir)
      const decision =
        pack.unusable || !pack.verification
          ? null
          : decideStatus(pack.origin, pack.verification, states.get(pack.id))
      const old = previous.get(pack.dir)
      previous.delete(pack.dir)
      const same =
        old &&
        old.runnable &&
        old.pack.verification?.manifestHash === pack.verification?.manifestHash
      if (same && decision?.status === 'ready') {
        old.decision = decision
        next.push(old)
        continue
      }
      if (old) await old.stop()
      const slot = new PluginSlot(pack, decision)
      if (pack.origin === 'third-party' && pack.manifest) {
        const { recordTypes, exporters, backupTargets } = pack.manifest.veritrail.contributes
        if (recordTypes.length + exporters.length + backupTargets.length > 0) {
          slot.runtimeProblems.push(
            'Third-party packs run in a sandboxed process and may contribute exception rules only; its record types, exporters and backup targets are not loaded.',
          )
        }
      }
      if (slot.runnable) await this.prepare(slot)
      next.push(slot)
    }
    for (const gone of previous.values()) await gone.stop()
    this.slots = next
    for (const slot of next) {
      if (slot.runnable && slot.pack.manifest!.veritrail.activation?.includes('onStartup'))
        await this.activate(slot)
    }
  }

  /** Creates a runnable plugin's runtime: an imported module, a sandbox, or both. */
  async prepare(slot: PluginSlot): Promise<void> {
    const { manifest, entry } = slot.pack
    const pluginId = manifest!.name
    const start =
      slot.pack.origin === 'third-party'
        ? () => startProcessSandbox(slot.pack.dir, this.opts.limits)
        : () => startWorkerSandbox(this.opts.limits)
    const sandboxed =
      slot.pack.origin === 'third-party' ||
      (this.opts.firstPartyRules === 'worker' &&
        manifest!.veritrail.contributes.exceptionRules.length > 0)
    if (sandboxed) {
      slot.sandbox = new SandboxedPack({
        pluginId,
        version: manifest!.version,
        entry: pathToFileURL(entry!).href,
        start,
        kind: slot.pack.origin === 'third-party' ? 'process' : 'worker',
        // A worker's own connection sees the server's data only for a database file.
        ...(slot.pack.origin === 'first-party' && databaseFile(this.opts.core.store.url)
          ? { database: { reads: this.opts.core.store.read.sql, url: this.opts.core.store.url } }
          : {}),
        limits: this.opts.limits,
        onDisabled: (reason, crashBudget) => void this.failed(slot, reason, crashBudget),
      })
    }
    if (slot.pack.origin === 'first-party') {
      const plugin = new InProcessPlugin({
        manifest: manifest!,
        entry: entry!,
        registry: this.contributions,
        ...(slot.sandbox ? { rules: slot.sandbox } : {}),
        problem: (sentence) => slot.runtimeProblems.push(sentence),
        dataDir: this.opts.core.dataDir,
      })
      try {
        await plugin.load()
        slot.inProcess = plugin
      } catch (error) {
        slot.failure = { status: 'failed', reason: `Loading failed: ${(error as Error).message}` }
      }
    }
  }

  /** Activates a runnable plugin; a failure is recorded against it, never thrown. */
  async activate(slot: PluginSlot): Promise<void> {
    if (!slot.runnable) return
    try {
      if (slot.inProcess) await slot.inProcess.activate()
      else await this.activateSandboxed(slot)
    } catch (error) {
      await this.failed(slot, `Activation failed: ${(error as Error).message}`, false)
    }
  }

  activateSandboxed(slot: PluginSlot): Promise<void> {
    slot.sandboxActivated ??= slot.sandbox!.activate().then((report) => {
      const manifest = slot.pack.manifest!
      for (const reported of report.rules) {
        const made = ruleFromSandbox(reported, slot.sandbox!)
        const outcome =
          'rule' in made
            ? this.contributions.register(
                manifest,
                'exceptionRules',
                made.rule.meta.id,
                made.rule.meta.version,
                made.rule,
              )
            : made
        if ('refused' in outcome) slot.runtimeProblems.push(outcome.refused)
        else slot.sandboxRegistrations.push(outcome.disposable)
      }
      for (const point of ['recordTypes', 'exporters', 'backupTargets'] as const) {
        for (const { id } of report[point]) {
          slot.runtimeProblems.push(
            `It registered ${POINT_NAMES[point]} ${JSON.stringify(id)}, which a sandboxed third-party pack cannot provide; the registration was refused.`,
          )
        }
      }
      for (const { id } of manifest.veritrail.contributes.exceptionRules) {
        if (this.contributions.get('exceptionRules', id)?.pluginId !== manifest.name) {
          slot.runtimeProblems.push(
            `Its manifest declares exception rule “${id}”, but activate did not register it.`,
          )
        }
      }
    })
    return slot.sandboxActivated
  }

  async failed(slot: PluginSlot, reason: string, crashBudget: boolean): Promise<void> {
    if (slot.failure) return
    slot.failure = { status: crashBudget ? 'disabled' : 'failed', reason }
    await slot.stop()
    if (crashBudget && slot.pack.manifest && slot.pack.verification) {
      const { core } = this.opts
      await new PluginActions(this)
        .recordDisable(slot, core.systemContext(), `Crash budget spent: ${reason}`)
        .catch(() => undefined)
    }
  }

  /** The runnable slots that declare `id` under `point` and activate on it. */
  contributors(point: ExtensionPoint, id?: string): PluginSlot[] {
    return this.slots.filter((slot) => {
      if (!slot.runnable) return false
      const manifest = slot.pack.manifest!
      if (slot.pack.origin === 'third-party' && point !== 'exceptionRules') return false
      const ids = manifest.veritrail.contributes[point].map((c) => c.id)
      const wanted = id === undefined ? ids : ids.filter((i) => i === id)
      return wanted.some((i) => activatesOn(manifest, activationEvent(point, i)))
    })
  }

  /** Activates synchronously what can be: record types are needed by a synchronous registry. */
  activateNow(slot: PluginSlot): void {
    if (!slot.inProcess || slot.inProcess.active) return
    slot.inProcess
      .activate()
      .catch((error: unknown) =>
        this.failed(slot, `Activation failed: ${(error as Error).message}`, false),
      )
  }

  recordType(id: string): RecordTypeDefinition | undefined {
    for (const slot of this.contributors('recordTypes', id)) this.activateNow(slot)
    return this.contributions.get<RecordTypeDefinition>('recordTypes', id)?.value
  }

  async contributed<T>(point: ExtensionPoint): Promise<Contributed<T>[]> {
    await Promise.all(this.contributors(point).map((slot) => this.activate(slot)))
    const runnable = new Set(this.slots.filter((s) => s.runnable).map((s) => s.pack.id))
    return this.contributions
      .list<T>(point)
      .filter((r) => runnable.has(r.pluginId))
      .map((r) => ({ value: r.value, pluginId: r.pluginId }))
  }

  slot(pluginId: string): PluginSlot {
    const slot = this.slots.find((s) => s.pack.id === pluginId)
    if (!slot)
      throw new VeritrailError(
        'not_found',
        `No plugin ${pluginId} was found in the plugin folders.`,
      )
    return slot
  }

  api(): PluginHost {
    const actions = new PluginActions(this)
    const registry: LazyRecordTypeRegistry = {
      get: (id) => this.recordType(id),
      list: () => {
        for (const slot of this.contributors('recordTypes')) this.activateNow(slot)
        return this.contributions.list<RecordTypeDefinition>('recordTypes').map((r) => r.value)
      },
      ensure: async (id) => {
        await Promise.all(this.contributors('recordTypes', id).map((slot) => this.activate(slot)))
        return this.contributions.get<RecordTypeDefinition>('recordTypes', id)?.value
      },
    }
    return {
      registry,
      exceptionRules: async () =>
        (await this.contributed<ExceptionRule>('exceptionRules')).map(({ value, pluginId }) => {
          const { manifest, verification } = this.slot(pluginId).pack
          return {
            rule: value,
            pack: pluginId,
            packHash: verification!.manifestHash,
            packVersion: manifest!.version,
          }
        }),
      exporters: () => this.contributed<Exporter>('exporters'),
      backupTargets: () => this.contributed<BackupTarget>('backupTargets'),
      list: () => this.slots.map((s) => s.info()),
      install: (id, ctx) => actions.install(id, ctx),
      upgrade: (id, ctx) => actions.upgrade(id, ctx),
      trust: (id, ctx) => actions.trust(id, ctx, true),
      untrust: (id, ctx) => actions.trust(id, ctx, false),
      enable: (id, ctx) => actions.enable(id, ctx, true),
      disable: (id, ctx, reason) => actions.enable(id, ctx, false, reason),
      addPublisherKey: (key, ctx) => actions.publisherKey(parseVerifierKey(key.trim()), ctx, 'add'),
      removePublisherKey: (key, ctx) =>
        actions.publisherKey(parseVerifierKey(key.trim()), ctx, 'remove'),
      publisherKeys: async () => actions.publisherKeys(),
      refresh: () => this.refresh(),
      dispose: async () => {
        for (const slot of this.slots) await slot.stop()
      },
    }
  }
}

function rank(pack: DiscoveredPack): number {
  return (pack.origin === 'first-party' ? 0 : 2) + (pack.unusable ? 1 : 0)
}

/** The host's internals, for its action and slot modules (not exported by the core). */
export type { Host as PluginHostInternals }
