import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { operator, sterilisation, tempDir, testCore } from '../../../tests/fixtures.js'
import type { Core } from '../../core.js'
import type { Entry } from '../../ledger/entry.js'
import { SEED_FACTS, type PreparableContext, type PreparedFacts } from './prepare.js'
import { scopePagesAhead } from './scope-pages.js'

let dir: ReturnType<typeof tempDir>
let core: Core
let signed: string

beforeAll(async () => {
  dir = tempDir()
  core = await testCore(dir.dir)
  for (let i = 0; i < 8; i++) {
    const { id } = await core.records.create(sterilisation.id, { batch: `B-${i}`, minutes: '15.0' }, operator())
    await core.records.update(sterilisation.id, id, { data: { batch: `B-${i}`, minutes: '16.0' }, baseVersion: 1, reason: { code: 'typo' } }, operator())
    signed = id
  }
  const by = operator('rita')
  await core.ledger.commit(async () => ({
    entries: [{ trail: 'data', actor: by.actor, action: 'sign', correlationId: by.correlationId, client: by.client, target: { type: sterilisation.id, typeVersion: '1.0.0', id: signed, version: 1 } }],
    rows: ([c]) => ({ signatures: [{ id: randomUUID(), recordType: sterilisation.id, recordId: signed, recordVersion: 1, recordHash: 'h', meaning: 'review', signerId: by.actor.id, signerUsername: by.actor.username, signerName: by.actor.displayName, signerRole: by.actor.role, ts: c!.ts, tz: 'Europe/Berlin', seq: c!.seq }] }),
    result: () => undefined,
  }))
})
afterAll(async () => {
  await core.close()
  dir.cleanup()
})

const stored = async () => (await core.store.connections.reader.execute("SELECT bytes FROM entries WHERE trail = 'data' ORDER BY seq")).rows.map((r) => JSON.parse(String(r[0])) as Entry)

describe('scopePagesAhead', () => {
  it('gives every stored entry of the range once, in seq order, pages read here or by the worker, with its prefetch', async () => {
    const seeds: PreparedFacts[] = []
    const ctx = { [SEED_FACTS]: (facts: PreparedFacts) => seeds.push(facts) } as unknown as PreparableContext
    const pages: Entry[][] = []
    for await (const page of scopePagesAhead(core.store.read, core.store.url, { trail: 'data', afterSeq: 1, toSeq: 16, pageSize: 2 }, ctx)) {
      pages.push(page)
      // Slow enough that the worker starts, then reads the later pages ahead.
      await sleep(pages.length === 1 ? 5000 : 300)
    }
    expect(pages.flat()).toEqual((await stored()).slice(1, 16))
    expect(pages.every((p) => p.length === 2 || p === pages.at(-1))).toBe(true)
    expect(seeds.length).toBeGreaterThan(0)
    // The signed record's update lies in the last page the worker read: its signature comes along.
    expect(seeds.flatMap((f) => f.signatures.map(([k, list]) => [k.split('\u0000')[1], list.map((s) => s.signature.meaning)]))).toEqual([[signed, ['review']]])
  }, 20_000)

  it('reads here what a worker that cannot open the database would have read, and stops when the reader stops', async () => {
    const pages: Entry[][] = []
    for await (const page of scopePagesAhead(core.store.read, `file:${dir.dir}/missing.db`, { trail: 'data', afterSeq: 0, toSeq: 17, pageSize: 5 })) {
      pages.push(page)
      await sleep(300)
    }
    expect(pages.flat()).toEqual(await stored())
    for await (const page of scopePagesAhead(core.store.read, core.store.url, { trail: 'data', afterSeq: 0, toSeq: 17, pageSize: 1 })) {
      expect(page).toHaveLength(1)
      break
    }
  }, 20_000)
})
