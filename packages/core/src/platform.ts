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
 */
export async function openPlatform(config: Omit<CoreConfig, 'registry'> & { firstPartyDir?: string }): Promise<Platform> {
  const registry = deferredRegistry()
  const { firstPartyDir, ...coreConfig } = config
  const core = await openCore({ ...coreConfig, registry })
  try {
    const plugins = await openPluginHost({ core, firstPartyDir: firstPartyDir ?? FIRST_PARTY_PLUGINS })
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
