import { join, resolve } from 'node:path'
import {
  folderTarget,
  isVeritrailError,
  readIdentity,
  readPublished,
  restoreInstallation,
  type BackupTarget,
  type InstallationRestore,
} from '@veritrail/core'
import { CliError } from '../cli-error.js'
import { dataDir } from '../data-dir.js'
import type { Command } from './command.js'
import { withBackups } from './backup-site.js'

export const backupRestore: Command = {
  name: 'backup restore',
  summary:
    'Restore a backup set into a new data directory (any WAL segment boundary; a new epoch when older than a published checkpoint)',
  usage:
    'backup restore ID --to DIR2 [--data DIR | --from FOLDER] [--identity FILE] [--target ID] [--position N] [--checkpoint FILE] [--new-epoch]',
  options: {
    data: { type: 'string' },
    to: { type: 'string' },
    from: { type: 'string' },
    identity: { type: 'string' },
    target: { type: 'string' },
    position: { type: 'string' },
    checkpoint: { type: 'string' },
    'new-epoch': { type: 'boolean' },
  },
  async run({ values, positionals, out, err }) {
    const id = positionals[0]
    if (!id || !values.to) throw new CliError('Usage: veritrail backup restore ID --to DIR2')
    const position = values.position === undefined ? undefined : Number(values.position)
    if (position !== undefined && !Number.isInteger(position))
      throw new CliError('--position is a WAL chain position (a whole number).')
    const restore = (target: BackupTarget, identities: string[]) =>
      restoreInstallation({
        target,
        setId: id,
        identities,
        to: resolve(values.to as string),
        ...(position !== undefined ? { position } : {}),
        ...(values.checkpoint ? { published: readPublished(values.checkpoint as string) } : {}),
        ...(values['new-epoch'] ? { forceNewEpoch: true } : {}),
      })
    const extra = values.identity ? [readIdentity(values.identity as string)] : []
    let result: InstallationRestore
    try {
      if (values.from) {
        // Removable or offline media, or a copy of a target: no installation needed, only a key.
        const identities = extra.length
          ? extra
          : [
              readIdentity(
                join(dataDir(values.data as string | undefined), 'keys', 'backup.agekey'),
              ),
            ]
        result = await restore(
          folderTarget({
            id: 'backup.folder',
            label: { en: 'Folder', 'zh-CN': '文件夹' },
            root: resolve(values.from as string),
          }),
          identities,
        )
      } else {
        result = await withBackups(values.data as string | undefined, async (engine) => {
          const targetId =
            (values.target as string | undefined) ?? (await engine.backup(id)).row.target
          return restore(await engine.target(targetId), [engine.site.keys.identity, ...extra])
        })
      }
    } catch (error) {
      if (isVeritrailError(error))
        throw new CliError(error.message, error.code === 'verification_failed' ? 1 : 2)
      throw error
    }
    out(`Restored backup ${result.backupId} into ${result.dir} (WAL position ${result.position})`)
    out(
      `  data trail ${result.trails.data.size} entries, system trail ${result.trails.system.size} entries; ledger verify: intact`,
    )
    if (result.newEpoch) {
      err(
        `NEW EPOCH ${result.epoch}: the restored point is older than the latest published checkpoint.`,
      )
      err(
        `  Installation ${result.installId} continues with a new checkpoint origin and key; its first entry cites the old epoch's last checkpoint.`,
      )
      err('  Publish the new verifier key (keys/checkpoint.pub) to everyone who holds checkpoints.')
    }
    out(`Start the server with VERITRAIL_DATA=${result.dir}`)
    return 0
  },
}
