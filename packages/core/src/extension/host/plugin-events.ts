import type { JsonValue } from '../../canonical/canonical-json.js'
import type { ActionContext } from '../../ledger/context.js'
import type { Action, EntryDraft } from '../../ledger/entry.js'
import type { Ledger } from '../../ledger/ledger.js'
import type { VerifierKey } from '../../ledger/note.js'
import { formatVerifierKey } from '../../ledger/note-keys.js'
import type { PluginEventRow } from '../../store/queries/plugins.js'
import type { WriteTx } from '../../store/types.js'

/** One plugin lifecycle change: its system-trail action and its `plugin_events` row. */
export interface PluginEventInput {
  action: Extract<
    Action,
    'plugin_install' | 'plugin_trust' | 'plugin_enable' | 'plugin_disable' | 'plugin_upgrade'
  >
  event: PluginEventRow['event']
  pluginId: string
  version: string
  manifestHash: string
  publisherKey?: string | null
  /** More facts for the entry (origin, previous version, reason …). */
  details?: { [key: string]: JsonValue }
}

/**
 * Writes a plugin lifecycle change through the one write path: the system-trail entry (details
 * `{ plugin, version, manifestHash, … }`) and the `plugin_events` row in the same transaction.
 * `check` runs first inside the transaction and may refuse by throwing (nothing is written).
 */
export function recordPluginEvent(
  ledger: Ledger,
  ctx: ActionContext,
  input: PluginEventInput | ((tx: WriteTx) => Promise<PluginEventInput>),
): Promise<PluginEventInput> {
  return ledger.commit(async (tx) => {
    const event = typeof input === 'function' ? await input(tx) : input
    return {
      entries: [
        systemEntry(ctx, event.action, {
          plugin: event.pluginId,
          version: event.version,
          manifestHash: event.manifestHash,
          ...(event.publisherKey ? { publisherKey: event.publisherKey } : {}),
          ...event.details,
        }),
      ],
      rows: (committed) => ({
        pluginEvents: [
          {
            pluginId: event.pluginId,
            version: event.version,
            event: event.event,
            manifestHash: event.manifestHash,
            publisherKey: event.publisherKey ?? null,
            seq: committed[0]!.seq,
            ts: committed[0]!.ts,
          },
        ],
      }),
      result: () => event,
    }
  })
}

/**
 * Adds a publisher key to the trust store, or removes it: a `publisher_keys` row and a
 * `config_change` entry (`setting: plugins.publisherKeys`) in one transaction. `check` runs
 * first inside the transaction and may refuse by throwing.
 */
export function recordPublisherKey(
  ledger: Ledger,
  ctx: ActionContext,
  key: VerifierKey,
  change: 'add' | 'remove',
  check: (tx: WriteTx) => Promise<void> = async () => undefined,
): Promise<void> {
  const verifierKey = formatVerifierKey(key)
  return ledger.commit(async (tx) => {
    await check(tx)
    return {
      entries: [
        systemEntry(ctx, 'config_change', {
          setting: 'plugins.publisherKeys',
          change,
          publisher: key.name,
          keyId: key.keyIdHex,
          verifierKey,
        }),
      ],
      rows: (committed) => ({
        publisherKeys: [
          {
            keyId: key.keyIdHex,
            verifierKey,
            name: key.name,
            event: change,
            seq: committed[0]!.seq,
            ts: committed[0]!.ts,
          },
        ],
      }),
      result: () => undefined,
    }
  })
}

function systemEntry(
  ctx: ActionContext,
  action: Action,
  details: { [key: string]: JsonValue },
): EntryDraft {
  return {
    trail: 'system',
    actor: ctx.actor,
    action,
    correlationId: ctx.correlationId,
    client: ctx.client,
    ...(ctx.session ? { session: ctx.session } : {}),
    ...(ctx.authorizer ? { authorizer: ctx.authorizer } : {}),
    details,
  }
}
