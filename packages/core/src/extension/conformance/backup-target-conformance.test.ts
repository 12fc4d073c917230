import { createReadStream } from 'node:fs'
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises'
import { dirname, join, relative } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { VeritrailError } from '../../errors.js'
import { tempDir } from '../../../tests/fixtures.js'
import {
  defineBackupTarget,
  isBackupObjectName,
  type BackupBody,
  type BackupTarget,
} from '../backup-target.js'
import { backupTargetConformance } from './backup-target-conformance.js'

/** A real folder-backed target: writes to a temporary name and renames when complete. */
function folderTarget(
  root: string,
  options: { atomic?: boolean; overwrite?: boolean } = {},
): BackupTarget {
  const path = (name: string) => {
    if (!isBackupObjectName(name))
      throw new VeritrailError('validation_failed', `“${name}” is not a backup object name.`)
    return join(root, name)
  }
  const exists = (file: string) =>
    stat(file).then(
      () => true,
      () => false,
    )
  return defineBackupTarget({
    id: 'test.folder',
    label: { en: 'Folder', 'zh-CN': '文件夹' },
    capabilities: { immutable: false, encryptedInTransit: false, deletes: true },
    async put(name: string, body: BackupBody) {
      const file = path(name)
      if (!options.overwrite && (await exists(file)))
        throw new VeritrailError('conflict', `${name} exists.`)
      await mkdir(dirname(file), { recursive: true })
      const temp = options.atomic === false ? file : `${file}.partial`
      const handle = await open(temp, 'w')
      try {
        if (body instanceof Uint8Array) await handle.write(body)
        else for await (const chunk of body) await handle.write(chunk)
      } catch (error) {
        await handle.close()
        if (options.atomic !== false) await rm(temp)
        throw error
      }
      await handle.close()
      if (temp !== file) await rename(temp, file)
    },
    async get(name: string) {
      const file = path(name)
      return (await exists(file)) ? createReadStream(file) : null
    },
    async *list(prefix: string) {
      const all = await readdir(root, { recursive: true, withFileTypes: true })
      for (const entry of all) {
        if (!entry.isFile()) continue
        const name = relative(root, join(entry.parentPath, entry.name))
        if (name.startsWith(prefix)) yield { name, size: (await stat(join(root, name))).size }
      }
    },
    async stat(name: string) {
      const file = path(name)
      return (await exists(file)) ? { name, size: (await stat(file)).size } : null
    },
    async prune(name: string) {
      await rm(path(name))
    },
  })
}

let dir: ReturnType<typeof tempDir>
afterEach(() => dir.cleanup())

describe('backupTargetConformance', () => {
  it('passes a folder target that honours the contract, and leaves nothing behind', async () => {
    dir = tempDir()
    await backupTargetConformance(() => folderTarget(dir.dir))
    const left = await readdir(dir.dir, { recursive: true, withFileTypes: true })
    expect(left.filter((e) => e.isFile())).toEqual([])
  })

  it('catches overwrites, partial objects and a delete method', async () => {
    dir = tempDir()
    await expect(
      backupTargetConformance(() => folderTarget(dir.dir, { overwrite: true })),
    ).rejects.toThrow(/“no overwrite”/)
    await expect(
      backupTargetConformance(() => folderTarget(dir.dir, { atomic: false })),
    ).rejects.toThrow(/“interrupted put”/)
    const withDelete = () => Object.assign(folderTarget(dir.dir), { delete: async () => undefined })
    await expect(backupTargetConformance(withDelete)).rejects.toThrow(/delete function/)
    const liar = () => ({
      ...folderTarget(dir.dir),
      capabilities: { immutable: true, encryptedInTransit: false, deletes: false },
    })
    await expect(backupTargetConformance(liar)).rejects.toThrow(/prune must be present exactly/)
  })
})
