import type { RuleContext, RuleRecordVersion, RuleSignature } from '../../extension/exception-rule.js'
import type { Entry, EntryTarget } from '../../ledger/entry.js'
import type { ReadExecutor } from '../../store/types.js'

/**
 * The engine calls `ctx[PREPARE](batch)` before running rules on a batch, when the context has
 * it, so a database-backed context can load in bulk what rules will ask for one record at a time.
 */
export const PREPARE = Symbol.for('veritrail.ruleContext.prepare')

/** Before findings of a batch are worded: load at once what `recordLabel` will ask for. */
export const PREPARE_LABELS = Symbol.for('veritrail.ruleContext.prepareLabels')

/** The database a context reads, so a worker can tell it is the server's and read it too. */
export const DATABASE = Symbol.for('veritrail.ruleContext.database')

/**
 * What `PREPARE` loaded for a batch, as plain data, and how to give it to another context over
 * the same database: a worker reading a scope ahead prefetches for each page, so the context
 * evaluating it finds the answers already there.
 */
export const PREPARED_FACTS = Symbol.for('veritrail.ruleContext.preparedFacts')
export const SEED_FACTS = Symbol.for('veritrail.ruleContext.seedFacts')

/** A signature as rules see it, and the data-trail seq of its withdrawal (null while it stands). */
export interface KeptSignature {
  signature: RuleSignature
  withdrawnSeq: number | null
}

/** The signatures and versions (without data) of records a batch changes, keyed `type\0id`. */
export interface PreparedFacts {
  signatures: [string, readonly KeptSignature[]][]
  versionMeta: [string, readonly RuleRecordVersion[]][]
}

/** What `PREPARE` reads of each entry of a batch (the columns stored beside its bytes). */
export interface BatchEntry {
  seq: number
  action: string
  target?: { type: string; id: string } | undefined
}

/** A rule context over the database that can prefetch for a batch. */
export interface PreparableContext extends RuleContext {
  [PREPARE](batch: readonly BatchEntry[]): Promise<void>
  [PREPARE_LABELS](targets: readonly EntryTarget[]): Promise<void>
  [DATABASE](): ReadExecutor
  [PREPARED_FACTS](batch: readonly BatchEntry[]): PreparedFacts
  [SEED_FACTS](facts: PreparedFacts): void
}

/** The database `ctx` reads, when it is the context `createRuleContext` makes. */
export function contextDatabase(ctx: object): ReadExecutor | undefined {
  const c = ctx as Partial<PreparableContext>
  return typeof c[DATABASE] === 'function' ? c[DATABASE]() : undefined
}

/** Lets `ctx` prefetch for `batch`, if it can. */
export async function prepareBatch(ctx: RuleContext, batch: readonly BatchEntry[]): Promise<void> {
  const prepare = (ctx as Partial<PreparableContext>)[PREPARE]
  if (typeof prepare === 'function') await prepare.call(ctx, batch)
}

/** Gives `ctx` facts another context prefetched, if it takes them. */
export function seedFacts(ctx: RuleContext, facts: PreparedFacts): void {
  const seed = (ctx as Partial<PreparableContext>)[SEED_FACTS]
  if (typeof seed === 'function') seed.call(ctx, facts)
}

/** Lets `ctx` load the data naming these record versions, if it can. */
export async function prepareLabels(ctx: RuleContext, targets: readonly EntryTarget[]): Promise<void> {
  const prepare = (ctx as Partial<PreparableContext>)[PREPARE_LABELS]
  if (typeof prepare === 'function' && targets.length > 0) await prepare.call(ctx, targets)
}
