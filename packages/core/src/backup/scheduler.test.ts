import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { backupSite, drafts } from '../../tests/backup-fixtures.js'
import { defineBackupTarget, type BackupBody } from '../extension/backup-target.js'
import { folderTarget } from './folder-target.js'
import { startBackupScheduler, type BackupScheduler } from './scheduler.js'

let site: Awaited<ReturnType<typeof backupSite>> | undefined
let scheduler: BackupScheduler | undefined
afterEach(async () => {
  scheduler?.stop()
  scheduler = undefined
  await site?.close()
  site = undefined
})

async function until<T>(what: () => Promise<T | undefined | false>, ms = 8000): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const got = await what()
    if (got) return got
    if (Date.now() > end) throw new Error('timed out waiting')
    await new Promise((r) => setTimeout(r, 100))
  }
}

const label = { en: 'Test', 'zh-CN': '测试' }

describe('backup schedules, alerts and retention', () => {
  it('runs scheduled backups; a failing target and an overrun each raise their alert', async () => {
    site = await backupSite({
      targets: (root) => {
        const good = folderTarget({ id: 'backup.local', label, root: join(root, 'good') })
        const broken = defineBackupTarget({
          ...folderTarget({ id: 'backup.broken', label, root: join(root, 'broken') }),
          put: async () => Promise.reject(new Error('disk full')),
        })
        const slow = folderTarget({ id: 'backup.slow', label, root: join(root, 'slow') })
        return [
          good,
          broken,
          defineBackupTarget({
            ...slow,
            put: async (name: string, body: BackupBody) => {
              if (name.endsWith('SHA256SUMS')) await new Promise((r) => setTimeout(r, 1500))
              return slow.put(name, body)
            },
          }),
        ]
      },
    })
    const { core, engine } = site
    await core.ledger.append(drafts(20))
    await core.settings.change(
      {
        backup: {
          schedules: ['local', 'broken', 'slow'].map((target) => ({
            target,
            kind: target === 'local' ? 'incremental' : 'full',
            cron: '* * * * * *',
          })),
        },
      },
      { text: 'Test the schedules every second' },
      core.systemContext(),
    )
    scheduler = startBackupScheduler(engine, { refreshMs: 100 })
    await until(
      async () =>
        (await engine.list({ target: 'backup.local' })).filter((b) => b.status === 'completed')
          .length >= 2,
    )
    const kinds = await until(async () => {
      const a = (await core.alerts.list()).map((x) => x.kind)
      return a.includes('backup_failed') && a.includes('backup_missed') && a
    })
    expect(kinds).toContain('backup_missed')
    const failed = (await engine.list({ target: 'backup.broken' })).find(
      (b) => b.status === 'failed',
    )!
    expect(failed).toMatchObject({ status: 'failed' })
    expect(failed.error).toMatch(/disk full/)
    scheduler.stop()
    // The first scheduled incremental became a full base, the next ones continue it.
    const local = (await engine.list({ target: 'backup.local' }))
      .filter((b) => b.status === 'completed')
      .reverse()
    expect(local[0]).toMatchObject({
      kind: 'full',
      promoted: expect.stringMatching(/holds no backup/),
    })
    expect(local[1]).toMatchObject({ kind: 'incremental', previous: local[0]!.id })
  })

  it('prunes by the tiered policy only as an audited operation, never inside the lock, never without a reason', async () => {
    site = await backupSite()
    const { core, engine, root } = site
    const ctx = core.systemContext()
    const sets = []
    for (let i = 0; i < 3; i++) {
      await core.ledger.append(drafts(10))
      sets.push(await engine.run({ target: 'local', kind: 'full' }))
    }
    await expect(engine.prune('local', ctx, { reason: ' ' })).rejects.toMatchObject({
      code: 'reason_required',
    })
    // With the default 7-day lock nothing goes.
    expect((await engine.prune('local', ctx, { reason: 'monthly housekeeping' })).pruned).toEqual(
      [],
    )
    await core.settings.change(
      { backup: { retention: { hourly: 1, daily: 0, monthly: 0, lockDays: 0 } } },
      { text: 'Shorter retention for the test' },
      ctx,
    )
    const preview = await engine.prune('local', ctx, { reason: 'preview', dryRun: true })
    expect(preview.pruned).toEqual([])
    expect(preview.keep.map((k) => k.id)).toEqual([sets[2]!.id])
    const done = await engine.prune('local', ctx, { reason: 'retention policy of SOP-IT-012' })
    expect(done.pruned.sort()).toEqual([sets[0]!.id, sets[1]!.id].sort())
    for (const s of sets)
      expect(existsSync(join(root, core.installId, 'sets', s.id, 'SHA256SUMS'))).toBe(
        s.id === sets[2]!.id,
      )
    expect((await engine.list()).map((b) => b.status)).toEqual(['completed', 'pruned', 'pruned'])
    const entry = (
      await core.store.connections.reader.execute(
        "SELECT bytes FROM entries WHERE action = 'backup_prune' ORDER BY seq DESC LIMIT 1",
      )
    ).rows[0]!
    expect(JSON.parse(String(entry[0])).details).toMatchObject({
      reason: 'retention policy of SOP-IT-012',
      pruned: done.pruned,
      kept: [sets[2]!.id],
    })
    expect((await engine.drill(sets[2]!.id)).ok).toBe(true)
  })

  it('refuses to prune a target whose credentials cannot delete', async () => {
    site = await backupSite({
      targets: (root) => [folderTarget({ id: 'backup.worm', label, root })],
    })
    await expect(
      site.engine.prune('worm', site.core.systemContext(), { reason: 'try' }),
    ).rejects.toMatchObject({ code: 'forbidden' })
  })
})
