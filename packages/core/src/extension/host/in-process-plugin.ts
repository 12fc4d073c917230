import { pathToFileURL } from 'node:url'
import { VeritrailError } from '../../errors.js'
import { isBackupTarget, type BackupTarget } from '../backup-target.js'
import { disposeAll, type Disposable } from '../disposable.js'
import { defineRule, isExceptionRule, type ExceptionRule } from '../exception-rule.js'
import { defineDeclarativeRule } from '../../review/rules/declarative/define.js'
import { isExporter, type Exporter } from '../exporter.js'
import type { ExtensionPoint, PluginManifest } from '../manifest.js'
import { isRecordType, type RecordTypeDefinition } from '../record-type.js'
import { POINT_NAMES, type ContributionRegistry } from './contribution-registry.js'
import type { PluginContext, PluginModule } from './plugin-context.js'
import { sandboxedCodeRule } from './rule-proxy.js'
import type { SandboxedPack } from './sandboxed-pack.js'

/**
 * A first-party plugin activated in the server process (trusted as part of the installation).
 * Its module is loaded up front; `activate` runs on first need and synchronously when it can, so
 * the synchronous record-type registry can activate a plugin the moment a type is asked for.
 * Code rules it registers are evaluated in `rules`, a worker-thread sandbox, when one is given.
 */
export class InProcessPlugin {
  readonly #manifest: PluginManifest
  readonly #entry: string
  readonly #registry: ContributionRegistry
  readonly #rules: SandboxedPack | undefined
  readonly #problem: (sentence: string) => void
  readonly #dataDir: string | undefined
  #module: PluginModule | undefined
  #disposables: Disposable[] = []
  #activation: Promise<void> | undefined

  constructor(opts: {
    manifest: PluginManifest
    entry: string
    registry: ContributionRegistry
    rules?: SandboxedPack
    problem: (sentence: string) => void
    dataDir?: string
  }) {
    this.#manifest = opts.manifest
    this.#entry = opts.entry
    this.#registry = opts.registry
    this.#rules = opts.rules
    this.#problem = opts.problem
    this.#dataDir = opts.dataDir
  }

  get active(): boolean {
    return this.#activation !== undefined
  }

  /** Imports the entry module (no activation). */
  async load(): Promise<void> {
    const mod = (await import(pathToFileURL(this.#entry).href)) as Partial<PluginModule> & {
      default?: Partial<PluginModule>
    }
    const activate = mod.activate ?? mod.default?.activate
    if (typeof activate !== 'function') {
      throw new VeritrailError('plugin_error', `${this.#entry} exports no activate(ctx) function.`)
    }
    this.#module = { activate, ...(mod.deactivate ? { deactivate: mod.deactivate } : {}) }
  }

  /**
   * Activates the plugin once; registrations made before `activate` first awaits are in place
   * when this returns. The promise settles when `activate` has finished.
   */
  activate(): Promise<void> {
    if (this.#activation) return this.#activation
    const mod = this.#module
    if (!mod)
      return Promise.reject(
        new VeritrailError('plugin_error', `${this.#manifest.name} is not loaded.`),
      )
    let result: ReturnType<PluginModule['activate']>
    try {
      result = mod.activate(this.#context())
    } catch (error) {
      this.#activation = Promise.reject(error)
      this.#activation.catch(() => undefined)
      return this.#activation
    }
    this.#activation = Promise.resolve(result).then((returned) => {
      for (const d of [returned ?? []].flat())
        if (typeof d?.dispose === 'function') this.#disposables.push(d)
      this.#checkAllRegistered()
    })
    this.#activation.catch(() => undefined)
    return this.#activation
  }

  /** Disposes every registration and calls the plugin's `deactivate`. */
  async deactivate(): Promise<void> {
    const errors = disposeAll(this.#disposables)
    this.#disposables = []
    this.#rules?.stop()
    if (this.#activation) await this.#module?.deactivate?.()
    this.#activation = undefined
    for (const error of errors) this.#problem(`Disposing a registration failed: ${String(error)}`)
  }

  #context(): PluginContext {
    const subscriptions: Disposable[] = []
    this.#disposables.push({ dispose: () => void disposeAll(subscriptions) })
    const register = <T>(
      point: ExtensionPoint,
      ok: (value: unknown) => value is T,
      id: (v: T) => unknown,
      version: (v: T) => unknown,
      use: (v: T) => unknown = (v) => v,
    ) => ({
      register: (value: T): Disposable => {
        if (!ok(value)) {
          this.#problem(
            `It registered something that is not a ${POINT_NAMES[point]} made with the core's define helper (defineRecordType, defineExporter, defineBackupTarget); the registration was refused.`,
          )
          return { dispose() {} }
        }
        const outcome = this.#registry.register(
          this.#manifest,
          point,
          id(value),
          version(value),
          use(value),
        )
        if ('refused' in outcome) {
          this.#problem(outcome.refused)
          return { dispose() {} }
        }
        this.#disposables.push(outcome.disposable)
        return outcome.disposable
      },
    })
    return {
      pluginId: this.#manifest.name,
      version: this.#manifest.version,
      ...(this.#dataDir ? { dataDir: this.#dataDir } : {}),
      subscriptions,
      recordTypes: register<RecordTypeDefinition>(
        'recordTypes',
        isRecordType,
        (t) => t.id,
        (t) => t.version,
      ),
      exceptionRules: this.#rulesPoint(register),
      exporters: register<Exporter>(
        'exporters',
        isExporter,
        (e) => e.id,
        () => undefined,
      ),
      backupTargets: register<BackupTarget>(
        'backupTargets',
        isBackupTarget,
        (t) => t.id,
        () => undefined,
      ),
    }
  }

  /**
   * Rules may come tagged (`defineRule`, `defineDeclarativeRule`) or as plain objects, the form a
   * rule file with no runtime imports has; plain ones are validated here the same way.
   */
  #rulesPoint(
    register: <T>(
      point: ExtensionPoint,
      ok: (value: unknown) => value is T,
      id: (v: T) => unknown,
      version: (v: T) => unknown,
      use?: (v: T) => unknown,
    ) => { register(value: T): Disposable },
  ) {
    const inner = register<ExceptionRule>(
      'exceptionRules',
      isExceptionRule,
      (r) => r.meta.id,
      (r) => r.meta.version,
      (r) => (r.kind === 'code' && this.#rules ? sandboxedCodeRule(r.meta, this.#rules) : r),
    )
    return {
      register: (rule: ExceptionRule): Disposable => {
        try {
          return inner.register(asExceptionRule(rule))
        } catch (error) {
          this.#problem(`${(error as Error).message} The registration was refused.`)
          return { dispose() {} }
        }
      },
    }
  }

  #checkAllRegistered(): void {
    const { contributes } = this.#manifest.veritrail
    for (const point of Object.keys(contributes) as ExtensionPoint[]) {
      for (const { id } of contributes[point]) {
        if (this.#registry.get(point, id)?.pluginId !== this.#manifest.name) {
          this.#problem(
            `Its manifest declares ${POINT_NAMES[point]} “${id}”, but activate did not register it.`,
          )
        }
      }
    }
  }
}

/** A tagged rule as is; a plain object validated into one (throws `validation_failed`). */
function asExceptionRule(rule: unknown): ExceptionRule {
  if (isExceptionRule(rule)) return rule
  const plain = rule as Partial<ExceptionRule> | null
  if (typeof (plain as { evaluate?: unknown } | null)?.evaluate === 'function')
    return defineRule(plain as Parameters<typeof defineRule>[0])
  const { kind: _kind, ...definition } = (plain ?? {}) as Record<string, unknown>
  return defineDeclarativeRule(definition)
}
