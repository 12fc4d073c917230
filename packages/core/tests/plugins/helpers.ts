import { cpSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { randomUUID } from 'node:crypto'
import type { Core } from '../../src/core.js'
import { deferredRegistry } from '../../src/extension/host/deferred-registry.js'
import { openPluginHost } from '../../src/extension/host/plugin-host.js'
import type { PluginHost, PluginHostOptions } from '../../src/extension/host/plugin-host-api.js'
import type { ActionContext } from '../../src/ledger/context.js'
import type { Entry } from '../../src/ledger/entry.js'
import { registry as testTypes, tempDir, testCore } from '../fixtures.js'

export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url))
export const FIRST_PARTY = join(FIXTURES, 'first-party')

/** An administrator acting in the admin UI. */
export function admin(): ActionContext {
  return {
    actor: {
      id: 'u-ada',
      username: 'ada',
      displayName: 'Ada Admin',
      role: 'admin',
      type: 'person',
    },
    client: { ip: '10.0.0.2', userAgent: 'vitest' },
    correlationId: randomUUID(),
    session: 's-admin',
  }
}

/** Short limits so hostile packs are caught in about a second. */
export const FAST_LIMITS = {
  callTimeoutMs: 1_500,
  startTimeoutMs: 15_000,
  activateTimeoutMs: 15_000,
  memoryMb: 64,
  crashBudget: 3,
}

export interface World {
  dir: string
  core: Core
  host: PluginHost
  pluginsDir: string
  close(): Promise<void>
}

/**
 * A real data directory with a real core, the given third-party fixture packs copied to
 * `VERITRAIL_DATA/plugins/<name>`, and a plugin host over them.
 */
export async function world(
  packs: string[],
  options: Partial<PluginHostOptions> = {},
): Promise<World> {
  const temp = tempDir('veritrail-plugins-')
  const pluginsDir = join(temp.dir, 'plugins')
  mkdirSync(pluginsDir, { recursive: true })
  for (const pack of packs)
    cpSync(join(FIXTURES, 'third-party', pack), join(pluginsDir, pack), { recursive: true })
  const registry = deferredRegistry()
  const core = await testCore(temp.dir, { registry })
  const host = await openPluginHost({ core, limits: FAST_LIMITS, ...options })
  // The host's types, and the core tests' own sterilisation type.
  registry.attach({
    get: (id) => host.registry.get(id) ?? testTypes.get(id),
    list: () => [...host.registry.list(), ...testTypes.list()],
  })
  return {
    dir: temp.dir,
    core,
    host,
    pluginsDir,
    async close() {
      await host.dispose()
      await core.close()
      temp.cleanup()
    },
  }
}

/** Every system-trail entry with a plugin or trust-store action, oldest first. */
export async function pluginEntries(core: Core): Promise<Entry[]> {
  const rs = await core.store.connections.reader.execute(
    "SELECT bytes FROM entries WHERE trail = 'system' AND (action LIKE 'plugin_%' OR action = 'config_change') ORDER BY seq",
  )
  return rs.rows.map((r) => JSON.parse(String(r[0])) as Entry)
}

/** Entries of the data trail, oldest first. */
export async function dataEntries(core: Core): Promise<Entry[]> {
  const rs = await core.store.connections.reader.execute(
    "SELECT bytes FROM entries WHERE trail = 'data' ORDER BY seq",
  )
  return rs.rows.map((r) => JSON.parse(String(r[0])) as Entry)
}

/** Installs and trusts a third-party pack, as an administrator would. */
export async function installAndTrust(host: PluginHost, id: string): Promise<void> {
  await host.install(id, admin())
  await host.trust(id, admin())
}
