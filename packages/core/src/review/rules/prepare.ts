import type { RuleContext } from '../../extension/exception-rule.js'
import type { Entry, EntryTarget } from '../../ledger/entry.js'

/**
 * The engine calls `ctx[PREPARE](batch)` before running rules on a batch, when the context has
 * it, so a database-backed context can load in bulk what rules will ask for one record at a time.
 */
export const PREPARE = Symbol.for('veritrail.ruleContext.prepare')

/** Before findings of a batch are worded: load at once what `recordLabel` will ask for. */
export const PREPARE_LABELS = Symbol.for('veritrail.ruleContext.prepareLabels')

/** A rule context that can prefetch for a batch. */
export interface PreparableContext extends RuleContext {
  [PREPARE](batch: readonly Entry[]): Promise<void>
  [PREPARE_LABELS](targets: readonly EntryTarget[]): Promise<void>
}

/** Lets `ctx` prefetch for `batch`, if it can. */
export async function prepareBatch(ctx: RuleContext, batch: readonly Entry[]): Promise<void> {
  const prepare = (ctx as Partial<PreparableContext>)[PREPARE]
  if (typeof prepare === 'function') await prepare.call(ctx, batch)
}

/** Lets `ctx` load the data naming these record versions, if it can. */
export async function prepareLabels(ctx: RuleContext, targets: readonly EntryTarget[]): Promise<void> {
  const prepare = (ctx as Partial<PreparableContext>)[PREPARE_LABELS]
  if (typeof prepare === 'function' && targets.length > 0) await prepare.call(ctx, targets)
}
