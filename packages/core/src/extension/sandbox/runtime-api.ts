import type { RuleSettings } from '../exception-rule.js'
import type { Trail } from '../../ledger/entry.js'

/** A rule as registered inside a sandbox: code stays there; declarative rules come over as data. */
export type SandboxRule =
  | { kind: 'code'; meta: Record<string, unknown> & { id: string; version: string } }
  | {
      kind: 'declarative'
      meta: Record<string, unknown> & { id: string; version: string }
      definition: unknown
    }

/** What a plugin registered while activating in a sandbox (checked by the host). */
export interface ActivationReport {
  rules: SandboxRule[]
  recordTypes: { id: unknown; version?: unknown }[]
  exporters: { id: unknown }[]
  backupTargets: { id: unknown }[]
}

/**
 * A rule context in transferable form: its plain-data properties, and the names of its
 * functions, which the sandbox calls back through `HostQueries.query`.
 */
export interface ContextShape {
  data: Record<string, unknown>
  methods: string[]
}

/**
 * One batch of entries for a worker sandbox, sent once for all the pack's rules that evaluate it:
 * as JSON text (cheaper to send than cloned objects) the first time, the id alone after.
 */
export interface SandboxBatch {
  id: number
  json?: string
}

/**
 * A review run whose context a worker sandbox rebuilds over its own read-only connection to
 * `database` (a URL); it keeps the context, and its caches, for the run's next batches.
 */
export interface SandboxRun {
  id: number
  database: string
  trail: Trail
  settings: RuleSettings
}

/**
 * What to evaluate: a rule over `entries` with a context of callbacks (`shape`), or, in a worker
 * sandbox when the review reads the server's database, over a shared `batch` with the run's
 * context rebuilt in the worker (`run`).
 */
export type EvaluateRequest = { ruleId: string; callId: string } & (
  | { entries: unknown[]; shape: ContextShape }
  | { batch: SandboxBatch; run: SandboxRun }
)

/** The API `runtime.mjs` exposes in every sandbox. */
export interface SandboxRuntime {
  activate(request: { entry: string; pluginId: string; version: string }): Promise<ActivationReport>
  evaluate(request: EvaluateRequest): Promise<unknown>
}

/**
 * Splits a rule context into data and callable queries (own and inherited methods). Own data
 * that cannot be copied to another process (a database handle) stays behind.
 */
export function contextShape(ctx: object): ContextShape {
  const data: Record<string, unknown> = {}
  const methods = new Set<string>()
  for (
    let o: object | null = ctx;
    o && o !== Object.prototype;
    o = Object.getPrototypeOf(o) as object | null
  ) {
    for (const key of Object.getOwnPropertyNames(o)) {
      if (key === 'constructor' || key in data || methods.has(key)) continue
      const value = (ctx as Record<string, unknown>)[key]
      if (typeof value === 'function') methods.add(key)
      else if (o === ctx && cloneable(value)) data[key] = value
    }
  }
  return { data, methods: [...methods] }
}

function cloneable(value: unknown): boolean {
  try {
    structuredClone(value)
    return true
  } catch {
    return false
  }
}
