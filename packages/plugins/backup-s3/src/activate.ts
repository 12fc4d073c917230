import {
  VeritrailError,
  backupTargetConfig,
  defineBackupTarget,
  type BackupTarget,
  type Disposable,
  type PluginContext,
} from '@veritrail/core'
import { S3_TARGET_ID, parseS3Config, s3Target } from './s3-target.js'

/**
 * Registers `backup.s3`, configured by the `"backup.s3"` block of
 * `VERITRAIL_DATA/backup-targets.json`. Without one the target is listed as not configured and
 * every use says how to configure it.
 */
export function activate(ctx: PluginContext): Disposable {
  const block = ctx.dataDir ? backupTargetConfig(ctx.dataDir, S3_TARGET_ID) : undefined
  return ctx.backupTargets.register(block ? s3Target(parseS3Config(block)) : unconfigured())
}

function unconfigured(): BackupTarget {
  const refuse = () => {
    throw new VeritrailError(
      'validation_failed',
      `The S3 backup target is not configured: add a “${S3_TARGET_ID}” block (bucket, credentials, and endpoint for a non-AWS service) to VERITRAIL_DATA/backup-targets.json.`,
    )
  }
  return defineBackupTarget({
    id: S3_TARGET_ID,
    label: { en: 'S3 object storage (not configured)', 'zh-CN': 'S3 对象存储（未配置）' },
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
