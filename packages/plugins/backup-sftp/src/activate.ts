import {
  VeritrailError,
  backupTargetConfig,
  defineBackupTarget,
  type BackupTarget,
  type Disposable,
  type PluginContext,
} from '@veritrail/core'
import { SFTP_TARGET_ID, parseSftpConfig, sftpTarget } from './sftp-target.js'

/**
 * Registers `backup.sftp`, configured by the `"backup.sftp"` block of
 * `VERITRAIL_DATA/backup-targets.json`. Without one the target is listed as not configured and
 * every use says how to configure it.
 */
export function activate(ctx: PluginContext): Disposable {
  const block = ctx.dataDir ? backupTargetConfig(ctx.dataDir, SFTP_TARGET_ID) : undefined
  return ctx.backupTargets.register(block ? sftpTarget(parseSftpConfig(block)) : unconfigured())
}

function unconfigured(): BackupTarget {
  const refuse = () => {
    throw new VeritrailError(
      'validation_failed',
      `The SFTP backup target is not configured: add a “${SFTP_TARGET_ID}” block (host, hostKeySha256, dir, username, privateKeyFile) to VERITRAIL_DATA/backup-targets.json.`,
    )
  }
  return defineBackupTarget({
    id: SFTP_TARGET_ID,
    label: { en: 'SFTP server (not configured)', 'zh-CN': 'SFTP 服务器（未配置）' },
    capabilities: { immutable: false, encryptedInTransit: true, deletes: false },
    put: async () => refuse(),
    get: async () => refuse(),
    // eslint-disable-next-line require-yield -- refuses before yielding anything
    list: async function* () {
      refuse()
    },
    stat: async () => refuse(),
  })
}
