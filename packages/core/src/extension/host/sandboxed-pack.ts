import { randomUUID } from 'node:crypto'
import { VeritrailError } from '../../errors.js'
import { contextDatabase } from '../../review/rules/prepare.js'
import type { ReadExecutor } from '../../store/types.js'
import type { RuleContext } from '../exception-rule.js'
import type { SandboxLimits } from '../sandbox/limits.js'
import {
  contextShape,
  type ActivationReport,
  type EvaluateRequest,
  type SandboxRuntime,
} from '../sandbox/runtime-api.js'
import { SandboxLink, type RawSandbox } from '../sandbox/sandbox-link.js'

/** How to start one plugin's sandbox. */
export interface SandboxedPackOptions {
  pluginId: string
  version: string
  /** File URL of the plugin's entry module. */
  entry: string
  /** `process`: a child process under the permission model; `worker`: a worker thread. */
  start: () => RawSandbox
  kind: 'process' | 'worker'
  /**
   * The server's database (its reader and URL), for a worker: a review context over it is
   * rebuilt in the worker, over a read-only connection of the worker's own.
   */
  database?: { reads: ReadExecutor; url: string }
  limits: SandboxLimits
  /**
   * Called once when the plugin can no longer run, with the reason: `crashBudget` true when the
   * crash budget is spent, false when `activate` itself failed.
   */
  onDisabled: (reason: string, crashBudget: boolean) => void
}

/**
 * One plugin's code in a sandbox, started on first use and activated there. A crash or a timeout
 * costs one unit of the crash budget; the next call starts a fresh sandbox, until the budget is
 * spent and the plugin is disabled with the last failure as the reason.
 */
export class SandboxedPack {
  readonly #opts: SandboxedPackOptions
  #current: Promise<Running> | undefined
  readonly #contexts = new Map<string, object>()
  /** A number per review context, so a worker keeps one context (and its caches) per run. */
  readonly #runs = new WeakMap<object, number>()
  #nextRun = 0
  #crashes = 0
  #generation = 0
  #disabled: string | undefined

  constructor(opts: SandboxedPackOptions) {
    this.#opts = opts
  }

  /** Where the code runs. */
  get kind(): 'process' | 'worker' {
    return this.#opts.kind
  }

  get crashes(): number {
    return this.#crashes
  }

  /** Starts and activates the sandbox if needed; resolves with what the plugin registered. */
  async activate(): Promise<ActivationReport> {
    return (await this.#ensure()).report
  }

  /**
   * Runs code rule `ruleId` over `entries` in the sandbox. `ctx`'s functions stay in the host and
   * are called back from the sandbox; its data properties are copied. When `ctx` is the review
   * engine's context over the server's database and the sandbox a worker, the worker rebuilds
   * that context over a read-only connection of its own (no message per query), and the entries
   * go once per batch for all the pack's rules.
   *
   * @throws VeritrailError `plugin_error` naming the plugin: the rule threw, timed out (the sandbox
   *   is then stopped), or the sandbox crashed.
   */
  async evaluate(ruleId: string, entries: readonly unknown[], ctx: object): Promise<unknown> {
    const running = await this.#ensure()
    const { link, fail } = running
    const callId = randomUUID()
    this.#contexts.set(callId, ctx)
    try {
      const request = this.#request(running, ruleId, callId, entries, ctx)
      return await link.call(
        `rule ${ruleId}`,
        (remote) => remote.evaluate(request),
        this.#opts.limits.callTimeoutMs,
      )
    } catch (error) {
      // A timeout killed the sandbox: count it now, so the next call starts a fresh one.
      if ((error as VeritrailError).details?.timeout === true) fail((error as Error).message, true)
      throw error
    } finally {
      this.#contexts.delete(callId)
    }
  }

  #request(
    running: Running,
    ruleId: string,
    callId: string,
    entries: readonly unknown[],
    ctx: object,
  ): EvaluateRequest {
    const { database } = this.#opts
    if (this.#opts.kind !== 'worker' || !database || contextDatabase(ctx) !== database.reads) {
      return { ruleId, callId, entries: [...entries], shape: contextShape(ctx) }
    }
    const { trail, settings } = ctx as RuleContext
    let id = this.#runs.get(ctx)
    if (id === undefined) this.#runs.set(ctx, (id = ++this.#nextRun))
    const run = { id, database: database.url, trail, settings }
    const last = running.batch
    if (last?.entries === entries) return { ruleId, callId, run, batch: { id: last.id } }
    running.batch = { entries, id: (last?.id ?? 0) + 1 }
    return { ruleId, callId, run, batch: { id: running.batch.id, json: JSON.stringify(entries) } }
  }

  /** Stops the sandbox (it starts again on the next call); not counted as a crash. */
  stop(): void {
    const current = this.#current
    this.#current = undefined
    this.#generation++
    void current?.then(
      ({ link }) => link.kill(),
      () => undefined,
    )
  }

  #ensure(): Promise<Running> {
    if (this.#disabled !== undefined) {
      return Promise.reject(
        new VeritrailError('plugin_error', `${this.#opts.pluginId} is disabled: ${this.#disabled}`),
      )
    }
    this.#current ??= this.#start()
    return this.#current
  }

  async #start(): Promise<Running> {
    const { pluginId, version, entry, limits } = this.#opts
    const name = `Plugin ${pluginId} (${this.#opts.kind} sandbox)`
    const raw = this.#opts.start()
    const generation = ++this.#generation
    let failed = false
    const fail = (reason: string, crash: boolean) => {
      if (failed) return
      failed = true
      // An exit after stop() (or after a newer sandbox replaced this one) is not a crash.
      if (this.#generation === generation) this.#failed(reason, crash)
    }
    raw.onExit((reason) => fail(reason, true))
    const hostQueries = {
      query: async (callId: string, method: string, args: unknown[]) => {
        const ctx = this.#contexts.get(callId) as
          Record<string, (...a: unknown[]) => unknown> | undefined
        if (!ctx || typeof ctx[method] !== 'function')
          throw new Error(`No query ${method} for this call.`)
        return await ctx[method]!(...args)
      },
    }
    try {
      const link = await SandboxLink.open<SandboxRuntime>(raw, name, hostQueries, {
        startMs: limits.startTimeoutMs,
      })
      const report = await link.call(
        'activate',
        (remote) => remote.activate({ entry, pluginId, version }),
        limits.activateTimeoutMs,
      )
      return { link, report, fail }
    } catch (error) {
      const details = (error as VeritrailError).details ?? {}
      fail(
        error instanceof Error ? error.message : String(error),
        details.timeout === true || details.crashed === true,
      )
      raw.kill()
      throw error
    }
  }

  /** A crash or timeout spends the budget; a plugin that throws in activate fails at once. */
  #failed(reason: string, crash: boolean): void {
    this.#current = undefined
    if (crash) this.#crashes++
    if ((crash && this.#crashes < this.#opts.limits.crashBudget) || this.#disabled !== undefined)
      return
    this.#disabled = crash
      ? `stopped after ${this.#crashes} crashes or timeouts; the last: ${reason}`
      : reason
    this.#opts.onDisabled(this.#disabled, crash)
  }
}

type Running = {
  link: SandboxLink<SandboxRuntime>
  report: ActivationReport
  fail: (reason: string, crash: boolean) => void
  /** The last batch sent: the worker keeps it until the next one comes. */
  batch?: { entries: readonly unknown[]; id: number }
}
