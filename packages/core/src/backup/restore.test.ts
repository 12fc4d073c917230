import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { backupSite, drafts } from '../../tests/backup-fixtures.js'
import { testCore } from '../../tests/fixtures.js'
import { openStore } from '../store/store.js'
import { verifyDataDir } from '../verify-data.js'
import { restoreInstallation } from './restore-installation.js'

let site: Awaited<ReturnType<typeof backupSite>> | undefined
afterEach(async () => {
  await site?.close()
  site = undefined
})

async function systemTail(dir: string, n: number) {
  const store = await openStore(`file:${join(dir, 'veritrail.db')}`)
  try {
    const rows = (
      await store.connections.reader.execute(
        `SELECT bytes FROM entries WHERE trail = 'system' ORDER BY seq DESC LIMIT ${n}`,
      )
    ).rows
    return {
      entries: rows.map((r) => JSON.parse(String(r[0]))).reverse(),
      installs: await store.read.installs(),
      alerts: (
        await store.connections.reader.execute('SELECT kind, severity FROM alerts')
      ).rows.map((r) => Array.from(r)),
    }
  } finally {
    await store.close()
  }
}

describe('restore of an installation', () => {
  it('to an older point starts a new epoch citing the last published checkpoint; to the latest point it continues', async () => {
    site = await backupSite()
    const { core, engine } = site
    await core.ledger.append(drafts(120))
    const older = await engine.run({ target: 'local', kind: 'full' })
    await core.ledger.append(drafts(80))
    const latest = await engine.run({ target: 'local', kind: 'incremental' })
    const identities = [engine.site.keys.identity]
    const target = await engine.target('local')

    const past = join(site.dir, 'past')
    const epoch = await restoreInstallation({
      target,
      setId: older.id,
      identities,
      to: past,
      operator: 'it-admin',
    })
    expect(epoch).toMatchObject({ newEpoch: true, epoch: 2, verified: true })
    expect(epoch.installId).not.toBe(core.installId)
    expect(epoch.cites).toEqual((await engine.backup(latest.id)).manifest!.checkpoints)
    const after = await systemTail(past, 2)
    expect(after.installs.map((i) => [i.epoch, i.installId])).toEqual([
      [1, core.installId],
      [2, epoch.installId],
    ])
    expect(after.installs[1]!.cites).toBe(epoch.cites.join('\n'))
    const restoreEntry = after.entries.find((e) => e.action === 'restore')
    expect(restoreEntry.seq).toBe(older.trails.system.size + 1)
    expect(restoreEntry.details).toMatchObject({
      backupId: older.id,
      operator: 'it-admin',
      previousInstallId: core.installId,
      cites: epoch.cites,
      epoch: 2,
    })
    expect(after.alerts).toContainEqual(['restore_epoch', 'critical'])
    expect((await verifyDataDir({ dataDir: past })).ok).toBe(true)
    // The restored folder starts as the new epoch's installation.
    const reopened = await testCore(past)
    expect(reopened.installId).toBe(epoch.installId)
    expect((await reopened.ledger.signedHead('system')).origin).toBe(`${epoch.installId}/system`)
    await reopened.close()
    expect((await verifyDataDir({ dataDir: past })).ok).toBe(true)

    const now = join(site.dir, 'now')
    const same = await restoreInstallation({ target, setId: latest.id, identities, to: now })
    expect(same).toMatchObject({ newEpoch: false, epoch: 1, installId: core.installId, cites: [] })
    const tail = await systemTail(now, 1)
    expect(tail.entries[0]).toMatchObject({ action: 'restore', seq: latest.trails.system.size + 1 })
    expect(tail.installs).toHaveLength(1)

    await expect(
      restoreInstallation({ target, setId: latest.id, identities, to: now }),
    ).rejects.toMatchObject({ code: 'conflict' })
    await expect(
      restoreInstallation({
        target,
        setId: latest.id,
        identities: [
          'AGE-SECRET-KEY-1QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ',
        ],
        to: join(site.dir, 'nokey'),
      }),
    ).rejects.toThrow()
  })
})
