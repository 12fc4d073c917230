// The meddev demo plant written through the core, shared by the rules and review benches.
// Not a bench itself (bench/run.ts skips it).
import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { openCore, staticRegistry, type ActionContext, type Core, type EntryDraft } from '@veritrail/core'
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
import { figure, since } from './report.ts'

const IN_FLIGHT = 256


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


/**
 * Opens (seeding when it holds fewer than `n` data entries) the demo plant in `dir` with the
 * meddev record types, printing the seeding rate. The clock runs on simulated plant time.
 */
export async function openPlant(dir: string, n: number): Promise<Core> {
  const clock = { now: Date.parse('2024-01-02T00:30:00.000Z') }
  const fresh = !existsSync(join(dir, 'veritrail.db'))
  const core = await openCore({ dataDir: dir, registry: staticRegistry(meddevRecordTypes), timeZone: 'Asia/Shanghai', program: 'bench', now: () => clock.now })
  if (!fresh) clock.now = Date.parse((await core.store.read.lastEntryTs()) ?? new Date(clock.now).toISOString()) + 60_000
  const start = performance.now()
  if ((await core.store.read.trailSize('data')) < n) await seed(core, clock, n)
  const size = await core.store.read.trailSize('data')
  if (fresh) figure('demo operations written (seeding)', size / since(start), 'entries/s')
  figure('data-trail entries', size, 'entries')
  return core
}
