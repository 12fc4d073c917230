import type { RuleContext } from '../exception-rule.js'
import type { Entry } from '../../ledger/entry.js'
import { createRuleContext } from '../../review/rules/context.js'
import { prepareBatch } from '../../review/rules/prepare.js'
import { connectReadOnly } from '../../store/libsql/connect.js'
import { LibsqlReads } from '../../store/libsql/reads.js'
import type { SandboxRun } from './runtime-api.js'

const databases = new Map<string, Promise<LibsqlReads>>()

/**
 * The review engine's own rule context, rebuilt in a worker sandbox (loaded there by
 * `runtime.mjs`) over a read-only connection of the worker's: a first-party rule's queries are
 * answered in the worker, from the same prefetch as in the server, instead of one message to the
 * server and back per query. One connection per database, for the worker's life.
 */
export async function sandboxRuleContext(run: SandboxRun): Promise<RuleContext> {
  let reads = databases.get(run.database)
  if (!reads) {
    reads = connectReadOnly(run.database).then((connection) => new LibsqlReads(connection))
    databases.set(run.database, reads)
    reads.catch(() => databases.delete(run.database))
  }
  return createRuleContext(await reads, { trail: run.trail, settings: run.settings })
}

/** Loads in bulk what the rules will ask about a batch (`PREPARE`), as the engine does. */
export function prepareSandboxBatch(ctx: RuleContext, entries: readonly Entry[]): Promise<void> {
  return prepareBatch(ctx, entries)
}

/** Where these functions live, for a worker sandbox to import. */
export const SANDBOX_CONTEXT_MODULE = import.meta.url
