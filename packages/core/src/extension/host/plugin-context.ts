import type { BackupTarget } from '../backup-target.js'
import type { Disposable } from '../disposable.js'
import type { ExceptionRule } from '../exception-rule.js'
import type { Exporter } from '../exporter.js'
import type { RecordTypeDefinition } from '../record-type.js'

/**
 * What `activate(ctx)` receives. Every `register` returns a disposable; the host keeps them and
 * disposes them when the plugin is disabled, upgraded or the server stops. A registration whose
 * id (and version) the manifest does not declare is refused: `register` then returns a
 * disposable that does nothing, and the refusal is listed in the plugin's problems.
 *
 * @example
 * export function activate(ctx: PluginContext) {
 *   ctx.recordTypes.register(batch)
 *   ctx.exceptionRules.register(lateNightChanges)
 * }
 */
export interface PluginContext {
  /** The plugin's package name. */
  readonly pluginId: string
  readonly version: string
  /**
   * `VERITRAIL_DATA` of the installation (first-party plugins only; sandboxed packs get none):
   * backup targets keep local copies and read their configuration below it.
   */
  readonly dataDir?: string
  /** Disposables the plugin wants disposed with it (timers, connections). */
  readonly subscriptions: Disposable[]
  readonly recordTypes: { register(type: RecordTypeDefinition): Disposable }
  readonly exceptionRules: { register(rule: ExceptionRule): Disposable }
  readonly exporters: { register(exporter: Exporter): Disposable }
  readonly backupTargets: { register(target: BackupTarget): Disposable }
}

/** The shape of a plugin's entry module. */
export interface PluginModule {
  activate(
    ctx: PluginContext,
  ): void | Disposable | Disposable[] | Promise<void | Disposable | Disposable[]>
  deactivate?(): void | Promise<void>
}
