import { isAbsolute, join } from 'node:path'
import {
  VeritrailError,
  backupTargetConfig,
  folderTarget,
  type BackupTarget,
  type Disposable,
  type PluginContext,
} from '@veritrail/core'

export const LOCAL_TARGET_ID = 'backup.local'

/**
 * The `local` target: a folder, by default `VERITRAIL_DATA/backups/`; a mounted disk, NAS share
 * or removable medium with `{ "backup.local": { "dir": "/mnt/usb/veritrail" } }` in
 * `VERITRAIL_DATA/backup-targets.json`. `"deletes": false` declares storage the installation
 * must not prune (write-once media); otherwise expired sets can be pruned, by the audited prune
 * operation only.
 */
export function localTarget(dataDir: string): BackupTarget {
  const config = backupTargetConfig(dataDir, LOCAL_TARGET_ID) ?? {}
  const dir = config.dir ?? join(dataDir, 'backups')
  if (typeof dir !== 'string' || !isAbsolute(dir)) {
    throw new VeritrailError(
      'validation_failed',
      `backup-targets.json: “${LOCAL_TARGET_ID}”.dir must be an absolute folder path.`,
    )
  }
  return folderTarget({
    id: LOCAL_TARGET_ID,
    label: { en: 'Local folder', 'zh-CN': '本地文件夹' },
    root: dir,
    deletes: config.deletes !== false,
  })
}

/** Registers the local target of the installation's data directory. */
export function activate(ctx: PluginContext): Disposable {
  if (!ctx.dataDir)
    throw new VeritrailError(
      'plugin_error',
      'The local backup target needs the data directory; it runs as a first-party plugin only.',
    )
  return ctx.backupTargets.register(localTarget(ctx.dataDir))
}
