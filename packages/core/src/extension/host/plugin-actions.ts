import { VeritrailError } from '../../errors.js'
import type { ActionContext } from '../../ledger/context.js'
import type { VerifierKey } from '../../ledger/note.js'
import { formatVerifierKey } from '../../ledger/note-keys.js'
import { pluginEvents, publisherKeyEvents } from '../../store/queries/plugins.js'
import { foldPluginEvents, foldPublisherKeys } from './lifecycle.js'
import { recordPluginEvent, recordPublisherKey, type PluginEventInput } from './plugin-events.js'
import type { PluginHostInternals } from './plugin-host.js'
import type { PluginInfo, PluginSlot } from './plugin-slot.js'

/**
 * The administrator's plugin actions. Each checks the current state inside the write
 * transaction, writes one system-trail entry with its `plugin_events` row, then re-reads the
 * plugin folders so the change takes effect at once.
 */
export class PluginActions {
  constructor(private readonly host: PluginHostInternals) {}

  async install(pluginId: string, ctx: ActionContext): Promise<PluginInfo> {
    const slot = this.#usable(pluginId, 'installed')
    if (slot.pack.origin === 'first-party') {
      throw new VeritrailError(
        'conflict',
        `${pluginId} is a first-party plugin; it is installed with Veritrail itself.`,
      )
    }
    await recordPluginEvent(this.host.opts.core.ledger, ctx, async (tx) => {
      const state = foldPluginEvents(await pluginEvents(tx.sql, pluginId)).get(pluginId)
      if (state?.installed) {
        throw new VeritrailError(
          'conflict',
          `${pluginId} ${state.installed.version} is already installed; to accept new files, upgrade it.`,
        )
      }
      return this.#event(slot, 'plugin_install', 'install')
    })
    return this.#after(pluginId)
  }

  async upgrade(pluginId: string, ctx: ActionContext): Promise<PluginInfo> {
    const slot = this.#usable(pluginId, 'upgraded')
    await recordPluginEvent(this.host.opts.core.ledger, ctx, async (tx) => {
      const installed = foldPluginEvents(await pluginEvents(tx.sql, pluginId)).get(
        pluginId,
      )?.installed
      if (!installed)
        throw new VeritrailError('conflict', `${pluginId} is not installed; install it first.`)
      if (installed.manifestHash === slot.pack.verification!.manifestHash) {
        throw new VeritrailError(
          'conflict',
          `${pluginId} ${installed.version} is installed with exactly these files; there is nothing to upgrade.`,
        )
      }
      return this.#event(slot, 'plugin_upgrade', 'upgrade', {
        previousVersion: installed.version,
        previousManifestHash: installed.manifestHash,
      })
    })
    return this.#after(pluginId)
  }

  async trust(pluginId: string, ctx: ActionContext, trusted: boolean): Promise<PluginInfo> {
    const slot = this.#usable(pluginId, 'trusted')
    const hash = slot.pack.verification!.manifestHash
    await recordPluginEvent(this.host.opts.core.ledger, ctx, async (tx) => {
      const state = foldPluginEvents(await pluginEvents(tx.sql, pluginId)).get(pluginId)
      if ((state?.trustedHashes.has(hash) ?? false) === trusted) {
        throw new VeritrailError(
          'conflict',
          `${pluginId} with manifest hash ${hash} is ${trusted ? 'already' : 'not'} trusted.`,
        )
      }
      return this.#event(slot, 'plugin_trust', trusted ? 'trust' : 'untrust', { trusted })
    })
    return this.#after(pluginId)
  }

  async enable(
    pluginId: string,
    ctx: ActionContext,
    enabled: boolean,
    reason?: string,
  ): Promise<PluginInfo> {
    const slot = this.host.slot(pluginId)
    if (!slot.pack.manifest || !slot.pack.verification) {
      throw new VeritrailError(
        'validation_failed',
        `${pluginId} cannot be ${enabled ? 'enabled' : 'disabled'}: ${slot.info().problems.join(' ')}`,
      )
    }
    await recordPluginEvent(this.host.opts.core.ledger, ctx, async (tx) => {
      const state = foldPluginEvents(await pluginEvents(tx.sql, pluginId)).get(pluginId)
      const now = state?.enabled ?? slot.pack.origin === 'first-party'
      if (now === enabled && !(enabled && slot.failure)) {
        throw new VeritrailError(
          'conflict',
          `${pluginId} is already ${enabled ? 'enabled' : 'disabled'}.`,
        )
      }
      return this.#event(
        slot,
        enabled ? 'plugin_enable' : 'plugin_disable',
        enabled ? 'enable' : 'disable',
        reason ? { reason } : {},
      )
    })
    if (enabled) slot.failure = undefined
    return this.#after(pluginId)
  }

  /** The host disables a plugin that spent its crash budget: a system-trail entry says why. */
  async recordDisable(slot: PluginSlot, ctx: ActionContext, reason: string): Promise<void> {
    await recordPluginEvent(
      this.host.opts.core.ledger,
      ctx,
      this.#event(slot, 'plugin_disable', 'disable', { reason }),
    )
  }

  async publisherKey(
    key: VerifierKey,
    ctx: ActionContext,
    change: 'add' | 'remove',
  ): Promise<void> {
    const text = formatVerifierKey(key)
    await recordPublisherKey(this.host.opts.core.ledger, ctx, key, change, async (tx) => {
      const present = foldPublisherKeys(await publisherKeyEvents(tx.sql)).some(
        (k) => formatVerifierKey(k) === text,
      )
      if (present === (change === 'add')) {
        throw new VeritrailError(
          change === 'add' ? 'conflict' : 'not_found',
          `The key ${key.name}+${key.keyIdHex} is ${present ? 'already' : 'not'} in the trust store.`,
        )
      }
    })
    await this.host.refresh()
  }

  async publisherKeys(): Promise<string[]> {
    return foldPublisherKeys(await publisherKeyEvents(this.host.opts.core.store.read.sql)).map(
      (k) => formatVerifierKey(k),
    )
  }

  #usable(pluginId: string, what: string): PluginSlot {
    const slot = this.host.slot(pluginId)
    const { unusable, verification } = slot.pack
    if (unusable)
      throw new VeritrailError(
        'validation_failed',
        `${pluginId} cannot be ${what}: ${unusable.problems.join(' ')}`,
      )
    if (verification?.status === 'tampered') {
      throw new VeritrailError(
        'verification_failed',
        `${pluginId} cannot be ${what}: ${verification.problems.join(' ')} A modified pack never loads.`,
      )
    }
    return slot
  }

  #event(
    slot: PluginSlot,
    action: PluginEventInput['action'],
    event: PluginEventInput['event'],
    extra: PluginEventInput['details'] = {},
  ): PluginEventInput {
    const { manifest, verification, origin } = slot.pack
    return {
      action,
      event,
      pluginId: slot.pack.id,
      version: manifest!.version,
      manifestHash: verification!.manifestHash,
      publisherKey: verification!.status === 'valid' ? verification!.publisher : null,
      details: { origin, signed: verification!.status === 'valid', ...extra },
    }
  }

  async #after(pluginId: string): Promise<PluginInfo> {
    await this.host.refresh()
    return this.host.slot(pluginId).info()
  }
}
