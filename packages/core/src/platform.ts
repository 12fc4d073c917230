import { fileURLToPath } from 'node:url'
import { openCore, type Core, type CoreConfig } from './core.js'
import { deferredRegistry } from './extension/host/deferred-registry.js'
import { openPluginHost } from './extension/host/plugin-host.js'
import type { PluginHost } from './extension/host/plugin-host-api.js'

/** packages/plugins: first-party plugins, trusted as part of the installation. */
export const FIRST_PARTY_PLUGINS = fileURLToPath(new URL('../../plugins', import.meta.url))

export interface Platform {
  core: Core
  plugins: PluginHost
  close(): Promise<void>
}

/**
 * Opens the core with its record types, exception rules, exporters and backup targets coming
 * from the plugin host (ARCHITECTURE §3): first-party plugins from packages/plugins, third-party
 * packs from VERITRAIL_DATA/plugins. The server and the CLI both start this way.
 *
 * First-party code rules run in-process by default: they are part of the validated installation,
 * and a review then parses each entry once. `firstPartyRules: 'worker'` keeps the worker isolation
 * for sites that want it: each pack's worker rebuilds the review context over a read-only
 * connection of its own, so queries cost no message, but every batch is sent to it as JSON and
 * parsed again there (`npm run bench -- rules` measures both). Third-party code always runs in
 * its own process.
 */
export async function openPlatform(config: Omit<CoreConfig, 'registry'> & { firstPartyDir?: string; firstPartyRules?: 'worker' | 'in-process' }): Promise<Platform> {
  const registry = deferredRegistry()
  const { firstPartyDir, firstPartyRules, ...coreConfig } = config
  const core = await openCore({ ...coreConfig, registry })
  try {
    const plugins = await openPluginHost({ core, firstPartyDir: firstPartyDir ?? FIRST_PARTY_PLUGINS, firstPartyRules: firstPartyRules ?? 'in-process' })
    registry.attach(plugins.registry)
    core.useRules(() => plugins.exceptionRules())
    return {
      core,
      plugins,
      async close() {
        await plugins.dispose()
        await core.close()
      },
    }
  } catch (error) {
    await core.close()
    throw error
  }
}
