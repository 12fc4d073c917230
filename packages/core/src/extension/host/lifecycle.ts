import type { VerifierKey } from '../../ledger/note.js'
import { parseVerifierKey } from '../../ledger/note-keys.js'
import type { PluginEventRow, PublisherKeyRow } from '../../store/queries/plugins.js'

/** A plugin's administrative state: the fold of its `plugin_events`, oldest first. */
export interface PluginLifecycle {
  /** The version and manifest hash accepted by the latest install or upgrade. */
  installed: { version: string; manifestHash: string } | null
  /** The latest enable/disable decision (an install enables); null when none was made. */
  enabled: boolean | null
  /** Manifest hashes an administrator trusted explicitly (and did not untrust since). */
  trustedHashes: Set<string>
}

/** Folds plugin events into each plugin's state. */
export function foldPluginEvents(rows: readonly PluginEventRow[]): Map<string, PluginLifecycle> {
  const states = new Map<string, PluginLifecycle>()
  for (const row of rows) {
    let state = states.get(row.pluginId)
    if (!state)
      states.set(
        row.pluginId,
        (state = { installed: null, enabled: null, trustedHashes: new Set() }),
      )
    switch (row.event) {
      case 'install':
        state.installed = { version: row.version, manifestHash: row.manifestHash }
        state.enabled = true
        break
      case 'upgrade':
        state.installed = { version: row.version, manifestHash: row.manifestHash }
        break
      case 'enable':
      case 'disable':
        state.enabled = row.event === 'enable'
        break
      case 'trust':
        state.trustedHashes.add(row.manifestHash)
        break
      case 'untrust':
        state.trustedHashes.delete(row.manifestHash)
        break
    }
  }
  return states
}

/** The publisher keys currently in the trust store: added and not removed since. */
export function foldPublisherKeys(rows: readonly PublisherKeyRow[]): VerifierKey[] {
  const keys = new Map<string, string>()
  for (const row of rows) {
    if (row.event === 'add') keys.set(row.verifierKey, row.verifierKey)
    else keys.delete(row.verifierKey)
  }
  return [...keys.values()].map((k) => parseVerifierKey(k))
}
