import { execFileSync } from 'node:child_process'
import { randomBytes, randomUUID } from 'node:crypto'
import { join } from 'node:path'
import type { Core } from '../src/core.js'
import type { BackupTarget } from '../src/extension/backup-target.js'
import type { EntryDraft } from '../src/ledger/entry.js'
import { openBackups, type BackupEngine } from '../src/backup/engine.js'
import { folderTarget } from '../src/backup/folder-target.js'
import { operator, tempDir, testCore } from './fixtures.js'

/** A real installation with the backup engine and a folder target below a temp directory. */
export async function backupSite(options: { targets?: (root: string) => BackupTarget[] } = {}) {
  const tmp = tempDir('veritrail-backup-')
  const data = join(tmp.dir, 'data')
  const root = join(tmp.dir, 'target')
  const core: Core = await testCore(data)
  const local = folderTarget({
    id: 'backup.local',
    label: { en: 'Local folder', 'zh-CN': '本地文件夹' },
    root,
    deletes: true,
  })
  const targets = options.targets ? options.targets(root) : [local]
  const engine: BackupEngine = await openBackups({ core, targets: async () => targets })
  return {
    dir: tmp.dir,
    data,
    root,
    core,
    engine,
    async close() {
      await engine.close()
      await core.close()
      tmp.cleanup()
    },
  }
}

/** `n` realistic data-trail entries (~600 bytes each), with an attachment-sized blob of noise. */
export function drafts(n: number, tag = 'x'): EntryDraft[] {
  const ctx = operator()
  return Array.from({ length: n }, (_, i) => ({
    trail: 'data' as const,
    actor: ctx.actor,
    action: 'update' as const,
    correlationId: randomUUID(),
    client: ctx.client,
    target: { type: 'test.sterilisation', typeVersion: '1.0.0', id: randomUUID(), version: 2 },
    changes: [
      { field: 'minutes', label: 'Sterilisation time', old: '15.0', new: `${12 + (i % 7)}.5` },
    ],
    reason: {
      code: 'typo',
      label: 'Typing error',
      text: `${tag} ${i} ${randomBytes(24).toString('base64')}`,
    },
  }))
}

/** Runs the Debian sqlite3 CLI read-only (or writable with `write`). */
export function sqlite3(db: string, sql: string, write = false): string {
  return execFileSync('sqlite3', [...(write ? [] : ['-readonly']), db, sql])
    .toString()
    .trim()
}

/** Runs a shell command (real tools: age, zstd, sha256sum) and returns stdout. */
export function sh(command: string, cwd?: string): string {
  return execFileSync('sh', ['-c', command], { cwd, maxBuffer: 512 << 20 }).toString()
}
