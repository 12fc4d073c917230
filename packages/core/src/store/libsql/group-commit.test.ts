import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DirtyFailure, GroupCommitQueue } from './group-commit.js'
import { LocalConnection } from './local-connection.js'

let dir: string
let db: LocalConnection

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'veritrail-group-'))
  db = new LocalConnection(join(dir, 'g.db'))
  await db.execute('PRAGMA journal_mode=WAL')
  await db.execute('CREATE TABLE t (k TEXT PRIMARY KEY)')
})
afterEach(() => {
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

const keys = async () => (await db.execute('SELECT k FROM t ORDER BY k')).rows.map((r) => r[0])

describe('group commit', () => {
  it('commits the jobs queued together in one transaction and answers each after it', async () => {
    let commits = 0
    const queue = new GroupCommitQueue(db, { beforeCommit: async () => void commits++ })
    const results = await Promise.all(['a', 'b', 'c'].map((k) => queue.run(async () => (await db.execute({ sql: 'INSERT INTO t VALUES (?)', args: [k] }), k))))
    expect(results).toEqual(['a', 'b', 'c'])
    expect(commits).toBe(1)
    expect(await keys()).toEqual(['a', 'b', 'c'])
  })

  it('a job refused before writing fails alone; the others commit', async () => {
    const queue = new GroupCommitQueue(db)
    const outcomes = await Promise.allSettled([
      queue.run(async () => db.execute("INSERT INTO t VALUES ('a')")),
      queue.run(async () => {
        throw new Error('refused')
      }),
      queue.run(async () => db.execute("INSERT INTO t VALUES ('c')")),
    ])
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect(await keys()).toEqual(['a', 'c'])
  })

  it('a job that fails after writing rolls the group back and every job re-runs alone', async () => {
    const queue = new GroupCommitQueue(db)
    const outcomes = await Promise.allSettled([
      queue.run(async () => db.execute("INSERT INTO t VALUES ('a')")),
      queue.run(async () => {
        await db.execute("INSERT INTO t VALUES ('half')")
        throw new DirtyFailure(new Error('failed after writing'))
      }),
      queue.run(async () => db.execute("INSERT INTO t VALUES ('c')")),
    ])
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect((outcomes[1] as PromiseRejectedResult).reason.message).toBe('failed after writing')
    expect(await keys()).toEqual(['a', 'c'])
  })

  it('deferred writes refused at commit are traced to their job by re-running each alone', async () => {
    // Jobs defer their rows; `beforeCommit` writes them. A duplicate key among them fails the
    // group's deferred write, and only the job that deferred the duplicate fails.
    let deferred: string[] = []
    const queue = new GroupCommitQueue(db, {
      beforeCommit: async () => {
        const rows = deferred
        deferred = []
        for (const k of rows) await db.execute({ sql: 'INSERT INTO t VALUES (?)', args: [k] })
      },
    })
    await db.execute("INSERT INTO t VALUES ('taken')")
    const job = (k: string) => queue.run(async () => {
      deferred.push(k)
      return k
    })
    const outcomes = await Promise.allSettled([job('a'), job('taken'), job('c')])
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect(String((outcomes[1] as PromiseRejectedResult).reason)).toMatch(/UNIQUE/)
    expect(await keys()).toEqual(['a', 'c', 'taken'])
  })
})
