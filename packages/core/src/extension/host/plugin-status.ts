import type { PackVerification } from '../signing/pack-signature.js'
import type { PluginLifecycle } from './lifecycle.js'

/**
 * Where a plugin stands:
 * - `active`: activated, its contributions registered;
 * - `ready`: may run, and activates when one of its contributions is first needed;
 * - `disabled`: an administrator (or the crash budget) disabled it;
 * - `not-installed`: a third-party pack found in the plugins folder but not installed;
 * - `untrusted`: installed, but neither signed by a trusted publisher nor trusted explicitly;
 * - `changed`: its files differ from those installed (an upgrade must accept them);
 * - `tampered`: its files differ from what its publisher signed: it never loads;
 * - `incompatible`: made for another version of Veritrail;
 * - `invalid`: its manifest or files cannot be used;
 * - `failed`: it threw while loading or activating.
 */
export type PluginStatus =
  | 'active'
  | 'ready'
  | 'disabled'
  | 'not-installed'
  | 'untrusted'
  | 'changed'
  | 'tampered'
  | 'incompatible'
  | 'invalid'
  | 'failed'

/** Where a plugin was found: shipped with the installation, or added below VERITRAIL_DATA. */
export type PluginOrigin = 'first-party' | 'third-party'

/** The decision for one pack whose manifest is valid and engine compatible. */
export interface StatusDecision {
  status: 'ready' | 'disabled' | 'not-installed' | 'untrusted' | 'changed' | 'tampered'
  signed: boolean
  trusted: boolean
  enabled: boolean
  problems: string[]
}

/**
 * Decides whether a pack may run. First-party packs are trusted as part of the installation and
 * enabled unless disabled. A third-party pack runs only when intact, installed with the files
 * it has now, enabled, and either signed by a trusted publisher or trusted explicitly with its
 * current manifest hash (a change of any file changes the hash and so voids that trust).
 */
export function decideStatus(
  origin: PluginOrigin,
  pack: PackVerification,
  state: PluginLifecycle | undefined,
): StatusDecision {
  const signed = pack.status === 'valid'
  const enabled = state?.enabled ?? origin === 'first-party'
  if (origin === 'first-party') {
    return {
      status: enabled ? 'ready' : 'disabled',
      signed,
      trusted: true,
      enabled,
      problems: enabled ? [] : ['Disabled by an administrator.'],
    }
  }
  const trusted = signed || (state?.trustedHashes.has(pack.manifestHash) ?? false)
  const base = { signed, trusted, enabled }
  if (pack.status === 'tampered')
    return {
      ...base,
      trusted: false,
      status: 'tampered',
      problems: [
        ...pack.problems,
        'A modified pack never loads; get an intact copy from its publisher.',
      ],
    }
  if (!state?.installed)
    return {
      ...base,
      status: 'not-installed',
      problems: ['Found in the plugins folder but not installed; an administrator installs it.'],
    }
  if (state.installed.manifestHash !== pack.manifestHash) {
    return {
      ...base,
      status: 'changed',
      problems: [
        `Its files changed since ${state.installed.version} was installed (manifest hash ${pack.manifestHash.slice(0, 12)}…, installed ${state.installed.manifestHash.slice(0, 12)}…); an administrator upgrades it to accept them.`,
      ],
    }
  }
  if (!enabled)
    return {
      ...base,
      status: 'disabled',
      problems: ['Disabled by an administrator or after repeated crashes; see the system trail.'],
    }
  if (!trusted) {
    const why = pack.status === 'unknown-key' ? pack.problems[0]! : 'It is not signed.'
    return {
      ...base,
      status: 'untrusted',
      problems: [
        `${why} An administrator must trust this exact pack (manifest hash ${pack.manifestHash}) before it loads.`,
      ],
    }
  }
  return { ...base, status: 'ready', problems: [] }
}
