import { randomBytes } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { chmod, link, mkdir, open, readdir, rm, stat, unlink } from 'node:fs/promises'
import { dirname, join, relative, sep } from 'node:path'
import { VeritrailError } from '../errors.js'
import {
  defineBackupTarget,
  isBackupObjectName,
  type BackupBody,
  type BackupTarget,
} from '../extension/backup-target.js'
import type { LocalizedText } from '../extension/i18n.js'
import { fsyncDirectory } from '../store/libsql/wal-capture.js'

const INCOMING = '.incoming'

/**
 * A backup target over a folder: a local disk, a mounted NAS share, removable or offline media.
 * An object is written under `.incoming/`, fsynced, then hard-linked to its name — `link` refuses
 * an existing name, so nothing is ever overwritten and a failed write leaves nothing visible —
 * and made read-only. `prune` exists only with `deletes: true`.
 */
export function folderTarget(options: {
  id: string
  label: LocalizedText
  root: string
  deletes?: boolean
}): BackupTarget {
  const { root } = options
  const path = (name: string) => {
    if (!isBackupObjectName(name) || name.split('/')[0] === INCOMING) {
      throw new VeritrailError('validation_failed', `“${name}” is not a backup object name.`, {
        errors: [{ path: 'name', message: 'Invalid object name.' }],
      })
    }
    return join(root, ...name.split('/'))
  }
  const target: BackupTarget = {
    id: options.id,
    label: options.label,
    capabilities: {
      immutable: false,
      encryptedInTransit: false,
      deletes: options.deletes === true,
    },
    async put(name: string, body: BackupBody) {
      const file = path(name)
      if (await exists(file))
        throw new VeritrailError(
          'conflict',
          `${name} already exists on ${options.id}; backup objects are never overwritten.`,
        )
      await mkdir(join(root, INCOMING), { recursive: true })
      const temp = join(root, INCOMING, `${randomBytes(8).toString('hex')}.partial`)
      const handle = await open(temp, 'wx', 0o600)
      try {
        if (body instanceof Uint8Array) await handle.write(body)
        else for await (const chunk of body) await handle.write(chunk)
        await handle.sync()
        await handle.close()
        await mkdir(dirname(file), { recursive: true })
        await chmod(temp, 0o444)
        await link(temp, file)
        fsyncDirectory(file)
      } catch (error) {
        await handle.close().catch(() => undefined)
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
          throw new VeritrailError(
            'conflict',
            `${name} already exists on ${options.id}; backup objects are never overwritten.`,
          )
        }
        throw error
      } finally {
        await unlink(temp).catch(() => undefined)
      }
    },
    async get(name: string) {
      const file = path(name)
      return (await exists(file)) ? (createReadStream(file) as AsyncIterable<Uint8Array>) : null
    },
    async *list(prefix: string) {
      for await (const name of walk(root, '')) {
        if (name.startsWith(prefix)) yield { name, size: (await stat(join(root, name))).size }
      }
    },
    async stat(name: string) {
      const file = path(name)
      const info = await stat(file).catch(() => null)
      return info?.isFile() ? { name, size: info.size } : null
    },
  }
  if (options.deletes) target.prune = async (name: string) => rm(path(name), { force: true })
  return defineBackupTarget(target)
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  )
}

async function* walk(root: string, sub: string): AsyncGenerator<string> {
  const entries = await readdir(join(root, sub), { withFileTypes: true }).catch(() => [])
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (sub === '' && entry.name === INCOMING) continue
    const rel = sub === '' ? entry.name : `${sub}/${entry.name}`
    if (entry.isDirectory()) yield* walk(root, rel)
    else if (entry.isFile()) yield relative(root, join(root, rel)).split(sep).join('/')
  }
}
