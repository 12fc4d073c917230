import type { Core } from '../../core.js'
import type { ActionContext } from '../../ledger/context.js'
import type { PackedRule } from '../../review/rules/engine.js'
import type { BackupTarget } from '../backup-target.js'
import type { Exporter } from '../exporter.js'
import type { RecordTypeDefinition, RecordTypeRegistry } from '../record-type.js'
import type { SandboxLimits } from '../sandbox/limits.js'
import type { PluginInfo } from './plugin-slot.js'

/** Where plugins come from and how their code runs. */
export interface PluginHostOptions {
  core: Pick<Core, 'ledger' | 'store' | 'dataDir' | 'systemContext'>
  /** First-party plugins (`packages/plugins`), trusted as part of the installation. */
  firstPartyDir?: string
  /** Third-party packs; default `VERITRAIL_DATA/plugins`. */
  dataPluginsDir?: string
  limits?: Partial<SandboxLimits>
  /** Where first-party code rules run: a worker thread (default) or the server's own thread. */
  firstPartyRules?: 'worker' | 'in-process'
  /** The core version engine ranges are checked against (tests); default `CORE_VERSION`. */
  coreVersion?: string
}

/**
 * A rule with the pack it came from, in the review engine's `PackedRule` shape (`pack` is the
 * plugin id, `packHash` its manifest hash): every finding records both (R-RV-05).
 */
export interface ContributedRule extends PackedRule {
  readonly packVersion: string
}

/** A contribution with the id of the plugin providing it. */
export interface Contributed<T> {
  value: T
  pluginId: string
}

/** A record-type registry activating the contributing plugin when a type is first asked for. */
export interface LazyRecordTypeRegistry extends RecordTypeRegistry {
  /** Like `get`, but waits for an asynchronous `activate` to finish. */
  ensure(id: string): Promise<RecordTypeDefinition | undefined>
}

/**
 * The plugin host (ARCHITECTURE §3), modelled on VS Code: contributions are read from manifests
 * without running code, plugins activate when a contribution is first needed, and a failing
 * plugin is reported against its id while the host keeps running.
 */
export interface PluginHost {
  readonly registry: LazyRecordTypeRegistry
  /** Every exception rule of every runnable plugin, activating (and sandboxing) as needed. */
  exceptionRules(): Promise<ContributedRule[]>
  exporters(): Promise<Contributed<Exporter>[]>
  backupTargets(): Promise<Contributed<BackupTarget>[]>
  /** Every plugin found, runnable or not, with why not. */
  list(): PluginInfo[]
  /** Installs a third-party pack found in the plugins folder (`plugin_install`). */
  install(pluginId: string, ctx: ActionContext): Promise<PluginInfo>
  /** Accepts a pack's changed files (`plugin_upgrade`); its old code stops. */
  upgrade(pluginId: string, ctx: ActionContext): Promise<PluginInfo>
  /** Trusts the pack's current files explicitly, by manifest hash (`plugin_trust`). */
  trust(pluginId: string, ctx: ActionContext): Promise<PluginInfo>
  /** Withdraws an explicit trust (`plugin_trust` with `trusted: false`). */
  untrust(pluginId: string, ctx: ActionContext): Promise<PluginInfo>
  enable(pluginId: string, ctx: ActionContext): Promise<PluginInfo>
  disable(pluginId: string, ctx: ActionContext, reason?: string): Promise<PluginInfo>
  /** Adds a publisher's verifier key (`name+keyid+base64`) to the trust store (`config_change`). */
  addPublisherKey(verifierKey: string, ctx: ActionContext): Promise<void>
  removePublisherKey(verifierKey: string, ctx: ActionContext): Promise<void>
  /** The verifier keys in the trust store. */
  publisherKeys(): Promise<string[]>
  /** Reads the plugin folders and the lifecycle state again. */
  refresh(): Promise<void>
  /** Deactivates every plugin and stops every sandbox. */
  dispose(): Promise<void>
}
