import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { backupSite, drafts, sqlite3 } from '../../tests/backup-fixtures.js'
import { truncateWal, walSize } from '../store/libsql/wal-capture.js'
import {
  summarizeWal,
  walHeader,
  WAL_FRAME_HEADER_BYTES,
  WAL_HEADER_BYTES,
} from '../store/libsql/wal-format.js'
import { WalGuard } from '../store/libsql/wal-guard.js'
import { writerPragma } from '../store/libsql/connect.js'

let site: Awaited<ReturnType<typeof backupSite>> | undefined
afterEach(async () => {
  await site?.close()
  site = undefined
})

describe('WAL chain', () => {
  it('the writer never checkpoints by itself; a capture copies exactly the committed frames', async () => {
    site = await backupSite()
    const { core, engine } = site
    expect(await writerPragma(core.store.connections, 'wal_autocheckpoint')).toBe(0)
    await core.ledger.append(drafts(400))
    const file = engine.site.chain.databaseFile
    const before = walSize(file)
    expect(before).toBeGreaterThan(64 * 1024)
    const point = await engine.site.chain.capture()
    expect(walSize(file)).toBe(0)
    const [segment] = engine.site.chain.segments(point.position, point.position)!
    const bytes = readFileSync(segment!.file)
    const summary = summarizeWal(bytes)
    expect(summary).toMatchObject({
      frames: segment!.wal.frames,
      bytes: bytes.length,
      salt1: segment!.wal.salt1,
    })
    expect(point.trails.data.size).toBe(400)

    // Recovery rules: a torn last frame or a frame with other salts ends the log at the last commit.
    const frame = WAL_FRAME_HEADER_BYTES + summary.pageSize
    const torn = bytes.subarray(0, bytes.length - 100)
    expect(summarizeWal(torn).frames).toBeLessThan(summary.frames)
    const stale = Buffer.from(bytes)
    stale.writeUInt32BE((stale.readUInt32BE(WAL_HEADER_BYTES + 8) ^ 1) >>> 0, WAL_HEADER_BYTES + 8)
    expect(summarizeWal(stale).frames).toBe(0)
    const flipped = Buffer.from(bytes)
    flipped[WAL_HEADER_BYTES + frame + 500]! ^= 1
    expect(summarizeWal(flipped).frames).toBeLessThan(summary.frames)
    expect(() => walHeader(Buffer.alloc(32))).toThrow(/magic/)
  })

  it('the WAL guard bounds the log with or without a backup engine, shipping it when there is one', async () => {
    site = await backupSite()
    const { core, engine } = site
    const file = engine.site.chain.databaseFile
    const plain = new WalGuard(
      file,
      () => core.store.exclusive((w) => truncateWal(w)).then(() => undefined),
      64 * 1024,
      0,
    )
    await core.ledger.append(drafts(200))
    plain.afterCommit()
    await plain.settled()
    expect(walSize(file)).toBe(0)
    const shipping = new WalGuard(file, () => engine.capture(), 64 * 1024, 0)
    const position = engine.site.chain.position
    await core.ledger.append(drafts(200))
    expect(walSize(file)).toBeGreaterThan(4 * 64 * 1024)
    shipping.afterCommit()
    await shipping.settled()
    // Only the entry recording the gap below was written since (and, when the once-a-second
    // timer fires in between, a signed checkpoint): a commit or two of a few pages each.
    expect(walSize(file)).toBeLessThan(2 * 64 * 1024)
    // The plain checkpoint reset the log behind the chain's back: the chain noticed and restarted.
    expect(engine.site.chain.position).toBeLessThanOrEqual(position + 1)
    const gaps = (
      await core.store.connections.reader.execute(
        "SELECT bytes FROM entries WHERE action = 'backup' AND bytes LIKE '%new_generation%'",
      )
    ).rows
    expect(gaps.length).toBe(1)
    expect(JSON.parse(String(gaps[0]![0])).details.reason).toMatch(
      /reset outside the backup engine/,
    )
  })

  it('a checkpoint by another process is a gap: a new generation, a warning, and the next incremental is a full base', async () => {
    site = await backupSite()
    const { core, engine } = site
    await core.ledger.append(drafts(50))
    const full = await engine.run({ target: 'local', kind: 'full' })
    await core.ledger.append(drafts(50))
    // A connection of another process (sqlite3 CLI) that only reads is no gap, and — the full
    // backup read the database file through a pinned descriptor, so this process kept its locks —
    // closing it does not take the WAL from under the writer.
    expect(
      sqlite3(
        engine.site.chain.databaseFile,
        "SELECT count(*) FROM entries WHERE trail = 'data'",
        true,
      ),
    ).toBe('100')
    expect(walSize(engine.site.chain.databaseFile)).toBeGreaterThan(0)
    const inc = await engine.run({ target: 'local', kind: 'incremental' })
    expect(inc).toMatchObject({ kind: 'incremental', generation: full.generation })
    // ... but a checkpoint by another process is.
    await core.ledger.append(drafts(50))
    expect(sqlite3(engine.site.chain.databaseFile, 'PRAGMA wal_checkpoint(TRUNCATE);', true)).toBe(
      '0|0|0',
    )
    await core.ledger.append(drafts(5))
    const next = await engine.run({ target: 'local', kind: 'incremental' })
    expect(next.kind).toBe('full')
    expect(next.generation).not.toBe(full.generation)
    expect((await core.alerts.list()).map((a) => [a.kind, a.severity])).toContainEqual([
      'backup_failed',
      'warning',
    ])
    expect((await engine.drill(next.id)).ok).toBe(true)
    expect(statSync(join(site.data, 'wal-spool')).isDirectory()).toBe(true)
    writeFileSync(join(site.dir, 'done'), '')
  })
})
