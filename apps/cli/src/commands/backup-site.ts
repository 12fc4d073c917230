import { userInfo } from 'node:os'
import {
  openBackups,
  openPlatform,
  type ActionContext,
  type BackupEngine,
  type Core,
  type RecordTypeRegistry,
} from '@veritrail/core'
import { dataDir, dbUrl } from '../data-dir.js'

/**
 * Opens the installation and its backup engine for one CLI command, and closes both after
 * `work`. Meant for a stopped server or a scheduled job of the operating system; while the server
 * runs, use its API (two processes would each start a WAL generation of their own).
 */
export async function withBackups<T>(
  flag: string | undefined,
  work: (engine: BackupEngine, core: Core, registry: RecordTypeRegistry) => Promise<T>,
): Promise<T> {
  const url = dbUrl(flag)
  const platform = await openPlatform({
    dataDir: dataDir(flag),
    ...(url ? { dbUrl: url } : {}),
    program: 'veritrail-cli',
  })
  let engine: BackupEngine | undefined
  try {
    engine = await openBackups({
      core: platform.core,
      targets: async () => (await platform.plugins.backupTargets()).map((c) => c.value),
    })
    return await work(engine, platform.core, platform.plugins.registry)
  } finally {
    await engine?.close()
    await platform.close()
  }
}

/** A byte count for people. */
export function size(bytes: number | null): string {
  if (bytes === null) return '-'
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`
}

/** The system account acting for a CLI run, naming the operating-system user in the client. */
export function systemActorContext(core: Core): ActionContext {
  const ctx = core.systemContext()
  return { ...ctx, client: { ip: '', userAgent: `veritrail-cli (${userInfo().username})` } }
}
