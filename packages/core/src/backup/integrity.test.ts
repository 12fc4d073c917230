import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { backupSite, drafts } from '../../tests/backup-fixtures.js'
import { defineBackupTarget, type BackupBody } from '../extension/backup-target.js'
import { folderTarget } from './folder-target.js'
import { putVerified } from './upload.js'

let site: Awaited<ReturnType<typeof backupSite>> | undefined
afterEach(async () => {
  await site?.close()
  site = undefined
})

/** Flips one byte of a stored object; returns a function putting the original back. */
function corrupt(file: string, at = 0.5): () => void {
  const original = readFileSync(file)
  const damaged = Buffer.from(original)
  const i = Math.min(damaged.length - 1, Math.floor(damaged.length * at))
  damaged[i]! ^= 0x01
  chmodSync(file, 0o644)
  writeFileSync(file, damaged)
  return () => writeFileSync(file, original)
}

async function alerts(s: NonNullable<typeof site>) {
  return (await s.core.alerts.list()).map((a) => [a.kind, a.severity])
}

describe('backup integrity', () => {
  it('one flipped byte in any object makes verify and the drill fail loudly, with an alert', async () => {
    site = await backupSite()
    const { core, engine, root } = site
    await core.ledger.append(drafts(150))
    await core.attachments.put(
      Buffer.from('chromatogram 42'),
      { mediaType: 'text/plain' },
      core.systemContext(),
    )
    const full = await engine.run({ target: 'local', kind: 'full' })
    await core.ledger.append(drafts(40))
    const inc = await engine.run({ target: 'local', kind: 'incremental' })
    expect((await engine.verify(full.id)).ok).toBe(true)
    expect((await engine.verify(inc.id)).ok).toBe(true)

    const folder = (id: string) => join(root, core.installId, 'sets', id)
    const attachment = readdirSync(join(root, core.installId, 'attachments'))[0]!
    const victims: [string, string, string][] = [
      [full.id, join(folder(full.id), 'database.sqlite.zst.age'), 'database.sqlite.zst.age'],
      [
        inc.id,
        join(folder(inc.id), 'wal', readdirSync(join(folder(inc.id), 'wal'))[0]!),
        '.wal.zst.age',
      ],
      [inc.id, join(folder(inc.id), 'manifest.json.age'), 'manifest.json.age'],
      [full.id, join(folder(full.id), 'keys', 'checkpoint.key.age'), 'checkpoint.key.age'],
      [full.id, join(root, core.installId, 'attachments', attachment), attachment],
      [inc.id, join(folder(inc.id), 'SHA256SUMS'), 'SHA256SUMS'],
      [inc.id, join(folder(inc.id), 'checkpoints.txt'), 'checkpoints.txt'],
      [full.id, join(folder(full.id), 'RESTORE.txt'), 'RESTORE.txt'],
    ]
    for (const [id, file, name] of victims) {
      const repair = corrupt(file)
      const report = await engine.verify(id)
      expect(report.ok, name).toBe(false)
      expect(report.problems.join(' '), name).toContain(
        name === 'SHA256SUMS' ? 'SHA256SUMS' : name.replace(/^\.\w+/, ''),
      )
      repair()
    }
    // A damaged WAL segment stops the drill too, and the drill says so.
    const repair = corrupt(victims[1]![1], 0.9)
    const drill = await engine.drill(inc.id)
    expect(drill.ok).toBe(false)
    expect(drill.problems[0]).toMatch(/failed verification/)
    repair()
    expect((await engine.drill(inc.id)).ok).toBe(true)
    expect(await alerts(site)).toContainEqual(['backup_failed', 'critical'])
    const failedVerifies = (
      await core.store.connections.reader.execute(
        "SELECT count(*) FROM entries WHERE action = 'backup_verify' AND bytes LIKE '%\"ok\":false%'",
      )
    ).rows[0]![0]
    expect(Number(failedVerifies)).toBe(victims.length)
  })

  it('an object replaced by plaintext is refused on the way out and caught at rest', async () => {
    site = await backupSite()
    const { core, engine, root } = site
    const target = await engine.target('local')
    const name = `${core.installId}/sets/x/database.sqlite.zst.age`
    await expect(
      putVerified(
        target,
        { name, bytes: Buffer.from('SQLite format 3\u0000 plain pages') },
        '0'.repeat(64),
      ),
    ).rejects.toMatchObject({
      code: 'verification_failed',
      message: expect.stringMatching(/does not begin with the age header/),
    })
    expect(await target.stat(name)).toBeNull()

    await core.attachments.put(
      Buffer.from('a plain instrument file'),
      { mediaType: 'text/plain' },
      core.systemContext(),
    )
    const full = await engine.run({ target: 'local', kind: 'full' })
    // Someone swaps the encrypted attachment for its plaintext and rewrites SHA256SUMS to match.
    const dir = join(root, core.installId, 'attachments')
    const file = join(dir, readdirSync(dir)[0]!)
    chmodSync(file, 0o644)
    writeFileSync(file, 'a plain instrument file')
    const sums = join(root, core.installId, 'sets', full.id, 'SHA256SUMS')
    chmodSync(sums, 0o644)
    const { createHash } = await import('node:crypto')
    const digest = createHash('sha256').update('a plain instrument file').digest('hex')
    writeFileSync(
      sums,
      readFileSync(sums, 'utf8').replace(
        /^[0-9a-f]{64}(  \.\.\/\.\.\/attachments)/m,
        `${digest}$1`,
      ),
    )
    const report = await engine.verify(full.id)
    expect(report.ok).toBe(false)
    expect(report.problems.join(' ')).toMatch(/is not age-encrypted/)
    expect(report.problems.join(' ')).toMatch(/the catalog recorded/)
  })

  it('a target failing mid-upload leaves no cataloged half-backup, raises an alert, and the next backup starts afresh', async () => {
    let failOn: RegExp | undefined = /\/wal\//
    site = await backupSite({
      targets: (root) => {
        const inner = folderTarget({
          id: 'backup.flaky',
          label: { en: 'Flaky', 'zh-CN': '不稳定' },
          root,
        })
        return [
          defineBackupTarget({
            ...inner,
            async put(name: string, body: BackupBody) {
              if (!failOn?.test(name)) return inner.put(name, body)
              async function* cut() {
                const chunks = body instanceof Uint8Array ? [body] : body
                for await (const chunk of chunks) {
                  yield chunk.subarray(0, 10)
                  throw new Error('connection reset by peer')
                }
              }
              return inner.put(name, cut())
            },
          }),
        ]
      },
    })
    const { core, engine, root } = site
    await core.ledger.append(drafts(60))
    const full = await engine.run({ target: 'flaky', kind: 'full' })
    await core.ledger.append(drafts(60))
    await expect(engine.run({ target: 'flaky', kind: 'incremental' })).rejects.toThrow(
      /connection reset by peer/,
    )
    const [failed, completed] = await engine.list()
    expect(failed).toMatchObject({ status: 'failed', kind: 'incremental', sha256: null })
    expect(failed!.error).toMatch(/connection reset by peer/)
    expect(completed).toMatchObject({ id: full.id, status: 'completed' })
    const failedDir = join(root, core.installId, 'sets', failed!.id)
    expect(existsSync(join(failedDir, 'SHA256SUMS'))).toBe(false)
    expect(existsSync(join(failedDir, 'wal'))).toBe(false)
    expect(readdirSync(join(root, '.incoming'))).toEqual([])
    expect(await alerts(site)).toContainEqual(['backup_failed', 'critical'])
    failOn = undefined
    const next = await engine.run({ target: 'flaky', kind: 'incremental' })
    expect(next).toMatchObject({ kind: 'incremental' })
    expect((await engine.backup(next.id)).manifest!.previous).toBe(full.id)
    expect((await engine.drill(next.id)).ok).toBe(true)
  })
})
