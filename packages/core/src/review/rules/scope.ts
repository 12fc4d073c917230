import { setImmediate as yieldToEventLoop } from 'node:timers/promises'
import { VeritrailError } from '../../errors.js'
import type { RuleContext, RuleSettings } from '../../extension/exception-rule.js'
import type { Entry, Trail } from '../../ledger/entry.js'
import { entriesSince, entryPage } from '../../store/queries/review.js'
import type { StoreReads } from '../../store/types.js'
import { createRuleContext } from './context.js'
import { startRuleRun, type PackedRule, type RuleRunResult } from './engine.js'
import type { PreparableContext } from './prepare.js'
import { scopePagesAhead } from './scope-pages.js'

const PAGE = 2000
const MAX_LOOKBACK = 50_000
/** Scopes at least this large are read by a worker thread when the caller names the database. */
const READ_IN_WORKER = 20_000

/** A frozen review scope: entries `fromSeq … toSeq` (inclusive) of one trail. */
export interface ScopeOptions {
  trail: Trail
  fromSeq: number
  toSeq: number
  rules: readonly PackedRule[]
  /** Entries per rule batch (default 1,000). */
  batchSize?: number
  /** Site zone override and working hours, when no `context` is given. */
  settings?: Partial<RuleSettings>
  /** A context of your own (default: `createRuleContext(reads, { trail, settings })`). */
  context?: RuleContext
  /**
   * The URL of the database `reads` reads. A large scope is then read ahead by a worker thread
   * over a read-only connection of its own, while this thread evaluates.
   */
  database?: string
  /** Called after each page with the entries evaluated so far. */
  onProgress?: (evaluated: number, total: number) => void
  signal?: AbortSignal
}

/**
 * Evaluates rules over a seq range of a trail straight from the database: pages of 2,000 stored
 * entries are parsed and fed to the rules in batches, yielding to the event loop between pages,
 * so 100,000 entries take seconds and memory stays flat. Counting rules also see the entries of
 * their window before `fromSeq`. With `database`, a worker reads the pages of a large scope.
 *
 * @throws VeritrailError `validation_failed` for a bad range; the signal's reason when aborted.
 * @example
 * const { findings } = await evaluateScope(core.store.read, { trail: 'data', fromSeq: 1, toSeq: size,
 *   rules: packRules(pack.id, pack.hash, pack.rules), settings: { workingHours } })
 */
export async function evaluateScope(reads: StoreReads, options: ScopeOptions): Promise<RuleRunResult> {
  const { trail, fromSeq, toSeq } = options
  if (!Number.isInteger(fromSeq) || !Number.isInteger(toSeq) || fromSeq < 1 || toSeq < fromSeq - 1) {
    throw new VeritrailError('validation_failed', `A review scope is a range of sequence numbers from 1 up; ${fromSeq}…${toSeq} is not one.`)
  }
  const ctx = options.context ?? createRuleContext(reads, { trail, ...(options.settings ? { settings: options.settings } : {}) })
  if (ctx.trail !== trail) throw new VeritrailError('validation_failed', `The rule context is for the ${ctx.trail} trail, not the ${trail} trail.`)
  const run = startRuleRun(options.rules, ctx)
  const batchSize = Math.max(1, options.batchSize ?? 1000)
  const total = toSeq - fromSeq + 1
  let evaluated = 0
  options.signal?.throwIfAborted()
  // The worker can prefetch only for the context it would make itself.
  const ahead = options.database && total >= READ_IN_WORKER ? options.database : undefined
  const pages = ahead
    ? scopePagesAhead(reads, ahead, { trail, afterSeq: fromSeq - 1, toSeq: Math.min(toSeq, await reads.trailSize(trail)), pageSize: PAGE }, run.prefetch && !options.context ? (ctx as PreparableContext) : undefined)
    : localPages(reads, trail, fromSeq - 1, toSeq)
  for await (const entries of pages) {
    options.signal?.throwIfAborted()
    if (evaluated === 0 && run.lookbackMinutes > 0) {
      const since = new Date(Date.parse(entries[0]!.ts) - run.lookbackMinutes * 60_000).toISOString()
      const before = await entriesSince(reads.sql, trail, since, fromSeq, MAX_LOOKBACK)
      await run.lookback(before.map((bytes) => JSON.parse(bytes) as Entry))
    }
    for (let i = 0; i < entries.length; i += batchSize) await run.feed(entries.slice(i, i + batchSize))
    evaluated += entries.length
    options.onProgress?.(evaluated, total)
    await yieldToEventLoop()
  }
  return run.finish()
}

/** Pages of parsed entries with `afterSeq < seq ≤ toSeq`, read here. */
async function* localPages(reads: StoreReads, trail: Trail, afterSeq: number, toSeq: number): AsyncGenerator<Entry[]> {
  for (let after = afterSeq; ; ) {
    const page = await entryPage(reads.sql, trail, after, toSeq, PAGE)
    if (page.length === 0) return
    yield page.map((row) => JSON.parse(row.bytes) as Entry)
    if (page.length < PAGE) return
    after = page.at(-1)!.seq
  }
}
