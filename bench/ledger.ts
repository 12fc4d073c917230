// npm run bench -- ledger [--entries N]
// Batched appends vs the raw floor, concurrent durable single appends (group commit), and full
// verify vs a bare leaf-hash loop over the same bytes. Search index included throughout.
import { createHash, randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { createClient } from '@libsql/client'
import { openCore, staticRegistry, verifyDataDir, type EntryDraft } from '@veritrail/core'
import { figure, heading, since } from './report.ts'

const { values } = parseArgs({ args: process.argv.slice(3), options: { entries: { type: 'string' } } })
const N = Number(values.entries ?? 100_000)
const BATCH = 1000
const dir = mkdtempSync(join(tmpdir(), 'veritrail-bench-ledger-'))

/** A realistic data-trail entry: a critical change with reason, ~600 bytes of canonical JSON. */
function draft(i: number): EntryDraft {
  return {
    trail: 'data',
    actor: { id: `u-${i % 40}`, username: `operator${i % 40}`, displayName: `Operator ${i % 40} 操作员`, role: 'operator', type: 'person' },
    action: 'update',
    correlationId: randomUUID(),
    client: { ip: '10.0.0.12', userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/126.0' },
    session: randomUUID(),
    target: { type: 'meddev.batch', typeVersion: '1.0.0', id: randomUUID(), version: 2 + (i % 5), recordHash: createHash('sha256').update(String(i)).digest('hex') },
    changes: [
      { field: 'sterilisationMinutes', label: 'Sterilisation time', old: '15.0', new: `${12 + (i % 7)}.5` },
      { field: 'operatorNote', label: 'Operator note', old: null, new: `Re-measured after calibration of autoclave AC-${i % 9}, batch ${i}` },
    ],
    reason: { code: 'measurement-retaken', label: 'Measurement re-taken', text: '复测后更正 corrected after re-measurement' },
    searchText: ['灭菌时间', '操作员备注', '复测'],
  }
}

const core = await openCore({ dataDir: dir, registry: staticRegistry([]), timeZone: 'Asia/Shanghai', program: 'bench' })
console.log(`Ledger bench: ${N.toLocaleString('en')} entries, data dir ${dir}`)

// 1. Batched appends: BATCH entries per transaction through the one write path.
heading('Batched appends (1,000 entries per commit; entry + tree nodes + FTS5 trigram index)')
let start = performance.now()
for (let i = 0; i < N; i += BATCH) {
  await core.ledger.append(Array.from({ length: Math.min(BATCH, N - i) }, (_, j) => draft(i + j)))
}
const batched = N / since(start)

// Floor: the same canonical bytes, inserted raw into a bare table in one transaction.
const bytes = (await core.store.connections.reader.execute("SELECT bytes FROM entries WHERE trail = 'data' ORDER BY seq")).rows.map((r) => String(r[0]))
const floorDb = createClient({ url: `file:${join(dir, 'floor.db')}`, concurrency: 1 })
await floorDb.execute('PRAGMA journal_mode=WAL')
await floorDb.execute('PRAGMA synchronous=FULL')
await floorDb.execute('CREATE TABLE raw (id INTEGER PRIMARY KEY, bytes TEXT NOT NULL)')
start = performance.now()
const tx = await floorDb.transaction('write')
for (let i = 0; i < bytes.length; i += 500) {
  const chunk = bytes.slice(i, i + 500)
  await tx.execute({ sql: `INSERT INTO raw (bytes) VALUES ${chunk.map(() => '(?)').join(',')}`, args: chunk })
}
await tx.commit()
const floor = bytes.length / since(start)
floorDb.close()
figure('raw libSQL insert of the same bytes, one transaction (floor)', floor, 'entries/s')
figure('ledger batched append', batched, 'entries/s', { min: 20_000 })
figure('ledger vs floor (× slower)', floor / batched, '×', { max: 4 })

// 2. Concurrent single appends: 64 callers, each waits for its own durable commit.
heading('Concurrent single appends (64 callers, synchronous=FULL, group commit)')
const SINGLES = Math.min(20_000, N)
start = performance.now()
let next = 0
await Promise.all(
  Array.from({ length: 64 }, async () => {
    while (next < SINGLES) {
      next += 1
      await core.ledger.append([draft(next)])
    }
  }),
)
const concurrent = SINGLES / since(start)
start = performance.now()
for (let i = 0; i < 300; i++) await core.ledger.append([draft(i)])
const sequential = 300 / since(start)
figure('one caller at a time (one fsync per append)', sequential, 'appends/s')
figure('64 concurrent callers', concurrent, 'appends/s', { min: 3_000 })
await core.close()

// 3. Verify: the full check vs a bare leaf-hash loop over the same bytes.
heading('Verify (re-hash stored bytes, rebuild both trees, check signed checkpoints)')
const total = N + SINGLES + 300
const rows = (await (async () => {
  const c = createClient({ url: `file:${join(dir, 'veritrail.db')}` })
  const rs = await c.execute("SELECT bytes FROM entries WHERE trail = 'data'")
  c.close()
  return rs.rows.map((r) => Buffer.from(String(r[0])))
})())
start = performance.now()
for (const b of rows) createHash('sha256').update(Buffer.of(0)).update(b).digest()
const bare = rows.length / since(start)
start = performance.now()
const report = await verifyDataDir({ dataDir: dir })
const verified = (report.trails.data.size + report.trails.system.size) / since(start)
if (!report.ok || report.trails.data.size !== total) throw new Error(`verify failed: ${JSON.stringify(report.trails.data)}`)
figure('bare leaf-hash loop over the same bytes (in memory)', bare, 'entries/s')
figure('full verify from the database', verified, 'entries/s', { min: 150_000 })

rmSync(dir, { recursive: true, force: true })
