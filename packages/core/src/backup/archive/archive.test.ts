import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { backupSite, sh, sqlite3 } from '../../../tests/backup-fixtures.js'
import { operator, testCore } from '../../../tests/fixtures.js'
import { formatSums } from '../manifest.js'
import { openBytes, sealBytes } from '../seal.js'
import { createArchive } from './create-archive.js'
import { readTar, writeTar } from './tar.js'
import { importArchive, listArchives, verifyArchive } from './verify-archive.js'

let site: Awaited<ReturnType<typeof backupSite>> | undefined
afterEach(async () => {
  await site?.close()
  site = undefined
})

describe('record archive packages', () => {
  it('hold every version, entry and proof in a plain SQLite file readable with age, tar, sha256sum and sqlite3', async () => {
    site = await backupSite()
    const { core, engine } = site
    const ctx = operator()
    const created = await core.records.create(
      'test.sterilisation',
      { batch: 'B-2026-117', minutes: '15.0', operatorNote: '灭菌 "first" run, chamber 2' },
      ctx,
    )
    await core.records.update(
      'test.sterilisation',
      created.id,
      { data: { batch: 'B-2026-117', minutes: '15.5' }, baseVersion: 1, reason: { code: 'typo' } },
      ctx,
    )
    await core.records.create('test.sterilisation', { batch: 'B-other', minutes: '12.0' }, ctx)
    const pkg = await createArchive({
      core,
      record: { type: 'test.sterilisation', id: created.id },
      recipients: engine.site.keys.recipients,
      ctx: core.systemContext(),
    })
    expect(pkg).toMatchObject({
      entries: 2,
      records: [{ type: 'test.sterilisation', id: created.id }],
    })
    const file = join(site.dir, 'B-2026-117.tar.age')
    writeFileSync(file, pkg.bytes)

    const out = join(site.dir, 'by-hand')
    mkdirSync(out)
    sh(`age -d -i ${join(site.data, 'keys', 'backup.agekey')} ${file} | tar -x -C ${out}`)
    const folder = join(out, `veritrail-archive-${pkg.archiveId}`)
    expect(sh('sha256sum -c SHA256SUMS', folder)).toMatch(/archive\.sqlite: OK/)
    const db = join(folder, 'archive.sqlite')
    expect(sqlite3(db, 'PRAGMA journal_mode;')).toBe('delete')
    expect(sqlite3(db, 'PRAGMA integrity_check;')).toBe('ok')
    expect(
      sqlite3(
        db,
        "SELECT version, json_extract(data, '$.minutes') FROM record_versions ORDER BY version;",
      ),
    ).toBe('1|15.0\n2|15.5')
    expect(sqlite3(db, 'SELECT count(*) FROM entries JOIN proofs USING (seq);')).toBe('2')
    const rows = readFileSync(join(folder, 'entries.csv'), 'utf8').split('\r\n')
    expect(rows[0]).toMatch(/^seq,ts,tz,action,record_type/)
    expect(rows[1]).toContain('"[{""field"":""batch""')
    // The leaf hash of the stored bytes, recomputed outside Veritrail, is the archived one.
    const leaf = sqlite3(db, 'SELECT leaf_hash FROM entries ORDER BY seq LIMIT 1;')
    sqlite3(
      db,
      `SELECT writefile('${join(out, 'entry.json')}', bytes) FROM entries ORDER BY seq LIMIT 1;`,
    )
    expect(sh(`(printf '\\000'; cat entry.json) | sha256sum`, out).split(' ')[0]).toBe(leaf)

    const report = await verifyArchive(pkg.bytes, [engine.site.keys.identity], {
      trustedKeys: [core.verifierKey],
    })
    expect(report).toMatchObject({ ok: true, entries: 2, versions: 2, problems: [] })
    expect(report.checkpoint!.rootHash).toBe(pkg.checkpoint.rootHash)
    const exported = (
      await core.store.connections.reader.execute(
        "SELECT bytes FROM entries WHERE action = 'export'",
      )
    ).rows
    expect(JSON.parse(String(exported[0]![0])).details).toMatchObject({
      kind: 'archive',
      archiveId: pkg.archiveId,
    })
  })

  it('catches a rewritten version even when the attacker re-seals the package; imports only what verifies, beside the trails', async () => {
    site = await backupSite()
    const { core, engine } = site
    const ctx = operator()
    const created = await core.records.create(
      'test.sterilisation',
      { batch: 'B-9', minutes: '15.0' },
      ctx,
    )
    const pkg = await createArchive({
      core,
      record: { type: 'test.sterilisation', id: created.id },
      recipients: engine.site.keys.recipients,
      ctx: core.systemContext(),
    })
    const identity = [engine.site.keys.identity]

    const files = readTar(await openBytes(pkg.bytes, identity, 'none'))
    const dir = join(site.dir, 'tamper')
    mkdirSync(dir)
    const dbFile = files.find((f) => f.name.endsWith('archive.sqlite'))!
    writeFileSync(join(dir, 'a.sqlite'), dbFile.bytes)
    sqlite3(
      join(dir, 'a.sqlite'),
      `UPDATE record_versions SET data = replace(data, '15.0', '12.0');`,
      true,
    )
    const forged = readFileSync(join(dir, 'a.sqlite'))
    const rebuilt = files.map((f) => (f === dbFile ? { name: f.name, bytes: forged } : f))
    const sums = formatSums(
      rebuilt
        .filter((f) => !f.name.endsWith('SHA256SUMS'))
        .map((f) => ({
          path: f.name.split('/').at(-1)!,
          sha256: createHash('sha256').update(f.bytes).digest('hex'),
        })),
    )
    const resealed = await sealBytes(
      writeTar(
        rebuilt.map((f) =>
          f.name.endsWith('SHA256SUMS') ? { name: f.name, bytes: Buffer.from(sums) } : f,
        ),
      ),
      engine.site.keys.recipients,
      'none',
    )
    const caught = await verifyArchive(resealed, identity)
    expect(caught.ok).toBe(false)
    expect(caught.problems.join(' ')).toMatch(/is not the one its entry recorded/)
    const damaged = Buffer.from(pkg.bytes)
    damaged[damaged.length - 40]! ^= 1
    expect((await verifyArchive(damaged, identity)).problems[0]).toMatch(/cannot be opened/)

    // Import into another installation: kept read-only, one entry recorded, nothing re-appended.
    const other = await testCore(join(site.dir, 'other'))
    try {
      const before = await other.store.read.trailSize('data')
      await expect(
        importArchive(other, resealed, identity, other.systemContext()),
      ).rejects.toMatchObject({ code: 'verification_failed' })
      const imported = await importArchive(other, pkg.bytes, identity, other.systemContext())
      expect(imported.ok).toBe(true)
      expect(await other.store.read.trailSize('data')).toBe(before)
      expect(listArchives(other.dataDir).map((a) => a.archiveId)).toEqual([pkg.archiveId])
      const entry = (
        await other.store.connections.reader.execute(
          "SELECT bytes FROM entries WHERE action = 'restore'",
        )
      ).rows[0]!
      expect(JSON.parse(String(entry[0])).details).toMatchObject({
        kind: 'archive-import',
        archiveId: pkg.archiveId,
        entries: 1,
      })
      await expect(
        importArchive(other, pkg.bytes, identity, other.systemContext()),
      ).rejects.toMatchObject({ code: 'conflict' })
    } finally {
      await other.close()
    }
  })
})
