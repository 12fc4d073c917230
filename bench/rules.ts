// npm run bench -- rules [--entries N] [--data DIR]   (--data keeps the seeded plant for the next run)
// The GMP rule pack over a realistic data trail: meddev-records' demo plant written through the
// core (records, lifecycle guard, signatures and reviews), then the pack evaluated in-process
// against a bare JSON.parse loop over the same stored bytes, and a whole review scope evaluated
// straight from the database (issue 5: < 3 s for 100,000 entries).
import { randomUUID } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import {
  createRuleContext,
  evaluateScope,
  openCore,
  packRules,
  runRules,
  staticRegistry,
  type ActionContext,
  type Core,
  type Entry,
  type EntryDraft,
  type PackedRule,
} from '@veritrail/core'
import { gmpRules } from '@veritrail/plugin-gmp-rules'
import {
  applyDemoOperation,
  demoOperations,
  meddevRecordTypes,
  mulberry32,
  newDemoState,
  resolveDemoRefs,
  type DemoOperation,
  type DemoTarget,
} from '@veritrail/plugin-meddev-records'
import { figure, heading, since } from './report.ts'

const { values } = parseArgs({ args: process.argv.slice(3), options: { entries: { type: 'string' }, data: { type: 'string' } } })
const N = Number(values.entries ?? 100_000)
const keep = values.data !== undefined
const dir = values.data ?? mkdtempSync(join(tmpdir(), 'veritrail-bench-rules-'))
const PACK: PackedRule[] = packRules('@veritrail/plugin-gmp-rules', 'bench', gmpRules)
const IN_FLIGHT = 256

// --- seeding --------------------------------------------------------------------------------

const people = {
  operator: ['zhang.wei 张伟', 'li.na 李娜', 'wang.fang 王芳', 'liu.yang 刘洋', 'chen.jie 陈杰', 'yang.min 杨敏'],
  qa: ['zhao.lei 赵磊', 'sun.li 孙丽'],
  reviewer: ['zhou.hui 周慧', 'wu.jing 吴静'],
}
const random = mulberry32(20240102)
const client = { ip: '10.20.1.15', userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/126.0' }

function person(role: string): ActionContext {
  const pool = people[role as keyof typeof people] ?? people.operator
  const [username, name] = pool[Math.floor(random() * pool.length)]!.split(' ') as [string, string]
  return { actor: { id: `u-${username}`, username, displayName: name, role, type: 'person' }, client, correlationId: randomUUID(), session: randomUUID() }
}

/** Signatures and reviews as their services write them (without the password round trip). */
function target(core: Core): DemoTarget {
  return {
    records: core.records,
    attachments: core.attachments,
    async sign(type, id, version, meaning) {
      const by = person(meaning === 'authorship' ? 'operator' : 'qa')
      await core.ledger.commit(async () => {
        const draft: EntryDraft = { trail: 'data', actor: by.actor, action: 'sign', correlationId: by.correlationId, client, target: { type, typeVersion: '1.0.0', id, version }, details: { meaning } }
        return {
          entries: [draft],
          rows: ([c]) => ({ signatures: [{ id: randomUUID(), recordType: type, recordId: id, recordVersion: version, recordHash: '-', meaning, signerId: by.actor.id,
            signerUsername: by.actor.username, signerName: by.actor.displayName, signerRole: by.actor.role, ts: c!.ts, tz: 'Asia/Shanghai', seq: c!.seq }] }),
          result: () => undefined,
        }
      })
    },
    async review(type, id) {
      const by = person('reviewer')
      const reviewId = randomUUID()
      await core.ledger.commit(async (tx) => {
        const size = await tx.trailSize('data')
        const entries: EntryDraft[] = [
          { trail: 'system', actor: by.actor, action: 'review_open', correlationId: by.correlationId, client, details: { reviewId } },
          { trail: 'data', actor: by.actor, action: 'review', correlationId: by.correlationId, client, details: { reviewId } },
        ]
        return {
          entries,
          rows: ([open, done]) => ({
            reviews: [{ id: reviewId, scope: JSON.stringify({ recordType: type, recordId: id }), ranges: JSON.stringify([{ trail: 'data', from: 1, to: size }]), entryCount: size, openedBy: by.actor.id, seq: open!.seq, ts: open!.ts }],
            reviewCompletions: [{ reviewId, conclusion: 'No issues', reviewerId: by.actor.id, seq: done!.seq, ts: done!.ts }],
          }),
          result: () => undefined,
        }
      })
    },
  }
}

/** The record an operation writes, and the records it refers to (which it only reads). */
function keysOf(op: DemoOperation): { writes: string; reads: string[] } {
  const reads: string[] = []
  if (op.op !== 'delete') resolveDemoRefs(op.data, (key) => (reads.push(key), key))
  return { writes: op.key, reads: reads.filter((k) => k !== op.key) }
}

/**
 * Writes demo operations until the data trail holds `n` entries. Operations on unrelated records
 * run concurrently (up to 256 at a time, so group commit shares the fsyncs). An operation waits
 * for the last write of every record it touches, and a write also for the reads since then, which
 * keeps the generator's causal order.
 */
async function seed(core: Core, clock: { now: number }, n: number): Promise<void> {
  const state = newDemoState()
  const to = target(core)
  const written = new Map<string, Promise<unknown>>()
  const readers = new Map<string, Promise<unknown>[]>()
  const inFlight = new Set<Promise<unknown>>()
  let failure: unknown
  let issued = 0
  for (const op of demoOperations(7)) {
    if (failure) throw failure
    if (issued % 1000 === 0 && (await core.store.read.trailSize('data')) >= n) break
    const { writes, reads } = keysOf(op)
    const after = [written.get(writes), ...(readers.get(writes) ?? []), ...reads.map((k) => written.get(k))]
    const run = Promise.all(after)
      .then(() => applyDemoOperation(to, op, state, (role) => person(role)))
      .catch((error) => void (failure ??= error))
    written.set(writes, run)
    readers.set(writes, [])
    for (const k of reads) readers.set(k, [...(readers.get(k) ?? []), run].slice(-IN_FLIGHT))
    inFlight.add(run)
    void run.finally(() => inFlight.delete(run))
    if (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight)
    clock.now += Math.floor(random() * 240_000) + 20_000
    issued++
  }
  await Promise.all(inFlight)
  if (failure) throw failure
}

// --- the run --------------------------------------------------------------------------------

const clock = { now: Date.parse('2024-01-02T00:30:00.000Z') }
const fresh = !existsSync(join(dir, 'veritrail.db'))
const core = await openCore({ dataDir: dir, registry: staticRegistry(meddevRecordTypes), timeZone: 'Asia/Shanghai', program: 'bench', now: () => clock.now })
if (!fresh) clock.now = Date.parse((await core.store.read.lastEntryTs()) ?? new Date(clock.now).toISOString()) + 60_000
console.log(`Rules bench: ${gmpRules.length} GMP rules over ${N.toLocaleString('en')} data-trail entries of the meddev demo plant, data dir ${dir}`)
console.log(`  (${cpus().length} CPUs, load average ${loadavg()[0]!.toFixed(2)}: figures are wall-clock and shift with other work on the machine)`)

heading('Seeding through the core (records, lifecycle guard, signatures, reviews; 256 operations in flight)')
let start = performance.now()
if ((await core.store.read.trailSize('data')) < N) await seed(core, clock, N)
const size = await core.store.read.trailSize('data')
if (fresh) figure('demo operations written', size / since(start), 'entries/s')
figure('data-trail entries', size, 'entries')

const rows = await core.store.connections.reader.execute({ sql: "SELECT bytes FROM entries WHERE trail = 'data' AND seq <= ? ORDER BY seq", args: [N] })
const bytes = rows.rows.map((r) => String(r[0]))
const count = bytes.length

heading(`In-process evaluation of the whole pack (${count.toLocaleString('en')} entries, batches of 1,000)`)
start = performance.now()
let parsed: Entry[] = []
for (let round = 0; round < 3; round++) parsed = bytes.map((b) => JSON.parse(b) as Entry)
const parseRate = (3 * count) / since(start)
figure('baseline: bare JSON.parse loop over the same stored bytes', parseRate, 'entries/s')
// one warm-up pass (JIT, record-type cache), then the measured pass on fresh objects
await runRules(PACK, parsed, createRuleContext(core.store.read, { trail: 'data' }))
parsed = bytes.map((b) => JSON.parse(b) as Entry)
start = performance.now()
const inProcess = await runRules(PACK, parsed, createRuleContext(core.store.read, { trail: 'data' }))
const rate = count / since(start)
figure('GMP pack, in-process (entries already parsed)', rate, 'entries/s', { min: 50_000 })
figure('GMP pack vs bare parse (× slower)', parseRate / rate, '×')
if (inProcess.errors.length > 0) throw new Error(`rule errors: ${JSON.stringify(inProcess.errors)}`)

heading('A review scope straight from the database (pages of 2,000, parse, prefetch, rules)')
start = performance.now()
const scoped = await evaluateScope(core.store.read, { trail: 'data', fromSeq: 1, toSeq: count, rules: PACK })
figure(`evaluateScope over ${count.toLocaleString('en')} entries`, since(start), 's', { max: 3 })

// TODO(isolated): the figure for first-party code rules run in the plugin host's worker sandbox
// (extension/host, being built separately). Plug it in here: evaluate `PACK` with its code rules
// proxied into the sandbox, over the same `parsed` entries, and report it beside the in-process
// figure with figure('GMP pack, isolated (worker sandbox)', rate, 'entries/s', { min: 50_000 }).
const isolated = await isolatedRate(parsed)
if (isolated !== undefined) figure('GMP pack, isolated (worker sandbox)', isolated, 'entries/s', { min: 50_000 })

heading('What the pack found (for a sanity check of the data, not a target)')
const bySeverity = { info: 0, warning: 0, critical: 0 }
const byRule = new Map<string, number>()
for (const f of scoped.findings) {
  bySeverity[f.severity]++
  byRule.set(f.rule.id, (byRule.get(f.rule.id) ?? 0) + 1)
}
console.log(`  ${scoped.findings.length.toLocaleString('en')} findings: ${bySeverity.critical} critical, ${bySeverity.warning} warning, ${bySeverity.info} info`)
for (const [id, n] of [...byRule].sort((a, b) => b[1] - a[1])) console.log(`    ${id.padEnd(36)} ${String(n).padStart(7)}`)
const slowest = Object.entries(inProcess.timings).sort((a, b) => b[1] - a[1]).slice(0, 5)
console.log(`  slowest rules in-process: ${slowest.map(([id, ms]) => `${id} ${ms.toFixed(0)} ms`).join(', ')}`)

await core.close()
if (!keep) rmSync(dir, { recursive: true, force: true })

/**
 * The isolated-variant hook: answer entries/s for the pack with code rules evaluated in the
 * plugin host's sandbox, or undefined while that runner does not exist.
 */
async function isolatedRate(_entries: Entry[]): Promise<number | undefined> {
  return undefined
}
