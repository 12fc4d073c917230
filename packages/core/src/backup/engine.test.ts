import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { backupSite, drafts, sh, sqlite3 } from '../../tests/backup-fixtures.js'
import { verifyDataDir } from '../verify-data.js'
import { AGE_MAGIC } from './age.js'
import { parseManifest } from './manifest.js'
import { restoreChain } from './restore.js'

let site: Awaited<ReturnType<typeof backupSite>> | undefined
afterEach(async () => {
  await site?.close()
  site = undefined
})

const setDir = (root: string, installId: string, id: string) => join(root, installId, 'sets', id)

describe('backup engine over a folder target', () => {
  it('a full base and WAL segments, replayed by age, zstd and the sqlite3 CLI, equal the live database (.sha3sum)', async () => {
    site = await backupSite()
    const { core, engine, root, data } = site
    const ctx = core.systemContext()
    await core.ledger.append(drafts(300))
    await core.attachments.put(
      Buffer.from('raw instrument file: 0.51 mg/L'),
      { mediaType: 'text/plain' },
      ctx,
    )
    const full = await engine.run({ target: 'local', kind: 'full' })
    expect(full).toMatchObject({ status: 'completed', kind: 'full', target: 'backup.local' })
    await core.ledger.append(drafts(200))
    const inc1 = await engine.run({ target: 'backup.local', kind: 'incremental' })
    expect(inc1).toMatchObject({ kind: 'incremental', generation: full.generation })
    // The live database at a segment boundary, as the sqlite3 CLI sees it.
    await core.ledger.append(drafts(100))
    await core.ledger.persistCheckpoints()
    const live = await engine.site.chain.withBase(async (point, file) => ({
      point,
      sha3: sqlite3(file, '.sha3sum'),
    }))
    await core.attachments.put(Buffer.from('a second attachment'), { mediaType: 'text/plain' }, ctx)
    await core.ledger.append(drafts(50))
    const inc2 = await engine.run({ target: 'local', kind: 'incremental' })
    expect(inc2.position).toBeGreaterThan(live.point.position)

    const key = join(data, 'keys', 'backup.agekey')
    const restored = join(site.dir, 'by-hand')
    mkdirSync(restored)
    for (const set of [full, inc1, inc2]) {
      const folder = setDir(root, core.installId, set.id)
      // sha256sum -c over the encrypted objects (attachments through ../../attachments/).
      expect(sh('sha256sum -c SHA256SUMS', folder)).not.toMatch(/FAILED/)
      for (const name of readdirSync(folder, { recursive: true }) as string[]) {
        const path = join(folder, name)
        if (
          existsSync(path) &&
          !['SHA256SUMS', 'RESTORE.txt', 'checkpoints.txt', 'wal', 'keys'].includes(name)
        ) {
          expect(readFileSync(path).subarray(0, AGE_MAGIC.length).toString(), name).toBe(AGE_MAGIC)
        }
      }
    }
    const fullDir = setDir(root, core.installId, full.id)
    sh(
      `age -d -i ${key} database.sqlite.zst.age | zstd -d -q -o ${join(restored, 'veritrail.db')}`,
      fullDir,
    )
    for (const set of [inc1, inc2]) {
      const folder = setDir(root, core.installId, set.id)
      const manifest = parseManifest(sh(`age -d -i ${key} manifest.json.age`, folder))
      for (const o of manifest.objects.filter(
        (o) => o.role === 'wal' && o.position! <= live.point.position,
      )) {
        sh(
          `age -d -i ${key} ${o.path} | zstd -d -q -f -o ${join(restored, 'veritrail.db-wal')}`,
          folder,
        )
        expect(
          sqlite3(join(restored, 'veritrail.db'), 'PRAGMA wal_checkpoint(TRUNCATE);', true),
        ).toBe('0|0|0')
      }
    }
    expect(sqlite3(join(restored, 'veritrail.db'), 'PRAGMA integrity_check;')).toBe('ok')
    expect(sqlite3(join(restored, 'veritrail.db'), '.sha3sum')).toBe(live.sha3)

    // The engine's own restore of the latest set passes the full ledger verify.
    const engineDir = join(site.dir, 'engine-restore')
    const chain = await restoreChain({
      target: await engine.target('local'),
      setId: inc2.id,
      identities: [engine.site.keys.identity],
      dir: engineDir,
    })
    expect(chain.chain.map((m) => m.id)).toEqual([full.id, inc1.id, inc2.id])
    const report = await verifyDataDir({ dataDir: engineDir })
    expect(report.ok).toBe(true)
    expect(report.trails.data.size).toBe(inc2.trails.data.size)
    expect(Buffer.from(report.trails.data.rootHash).toString('base64')).toBe(
      inc2.trails.data.rootHash,
    )
    expect(readdirSync(join(engineDir, 'attachments'), { recursive: true })).toHaveLength(4)

    // Point in time: any segment boundary.
    const pitDir = join(site.dir, 'pit')
    await restoreChain({
      target: await engine.target('local'),
      setId: inc2.id,
      identities: [engine.site.keys.identity],
      dir: pitDir,
      position: live.point.position,
    })
    expect(sqlite3(join(pitDir, 'veritrail.db'), '.sha3sum')).toBe(live.sha3)
    // The engine's replay writes the very bytes the sqlite3 CLI's checkpoints wrote.
    expect(
      readFileSync(join(pitDir, 'veritrail.db')).equals(
        readFileSync(join(restored, 'veritrail.db')),
      ),
    ).toBe(true)

    const drill = await engine.drill(inc2.id)
    expect(drill).toMatchObject({
      ok: true,
      matchesCheckpoint: true,
      verified: true,
      integrity: true,
      problems: [],
    })
    expect(drill.trails.data).toEqual(inc2.trails.data)
    expect(drill.rtoMs).toBeGreaterThan(0)
    const listed = await engine.list()
    expect(listed.map((b) => [b.id, b.status])).toEqual(
      [inc2.id, inc1.id, full.id].map((id) => [id, 'completed']),
    )
    const actions = (
      await core.store.connections.reader.execute(
        "SELECT action, bytes FROM entries WHERE trail = 'system' AND action IN ('backup', 'restore_drill')",
      )
    ).rows
    expect(actions.map((r) => r[0])).toEqual(['backup', 'backup', 'backup', 'restore_drill'])
  })

  it('a standalone VACUUM INTO snapshot is compact, belongs to no WAL chain, and restores on its own', async () => {
    site = await backupSite()
    const { core, engine } = site
    await core.ledger.append(drafts(200))
    const snapshot = await engine.run({ target: 'local', kind: 'full', snapshot: 'vacuum' })
    expect(snapshot).toMatchObject({ kind: 'full', generation: 'standalone', position: 0 })
    expect((await engine.backup(snapshot.id)).manifest!.snapshot).toBe('vacuum')
    expect(snapshot.trails.data.size).toBe(200)
    // An incremental never continues a standalone snapshot: it starts its own chain base.
    await core.ledger.append(drafts(5))
    expect((await engine.run({ target: 'local', kind: 'incremental' })).kind).toBe('full')
    expect(await engine.drill(snapshot.id)).toMatchObject({ ok: true, matchesCheckpoint: true })
  })
})
