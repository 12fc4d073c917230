import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { operator, sterilisation, tempDir, testCore } from '../../../tests/fixtures.js'
import type { Core } from '../../core.js'
import type { ActionContext } from '../../ledger/context.js'
import { isVeritrailError } from '../../errors.js'
import { createRuleContext } from './context.js'
import { reviewCoversSeq } from './review-index.js'

// Signatures and reviews are written the way their services write them: an entry and its rows in
// one commit through the one write path.
async function sign(core: Core, record: { id: string; version: number }, by: ActionContext, meaning: string) {
  return core.ledger.commit(async () => ({
    entries: [{ trail: 'data', actor: by.actor, action: 'sign', correlationId: by.correlationId, client: by.client,
      target: { type: sterilisation.id, typeVersion: '1.0.0', id: record.id, version: record.version }, details: { meaning } }],
    rows: ([c]) => ({ signatures: [{ id: randomUUID(), recordType: sterilisation.id, recordId: record.id, recordVersion: record.version,
      recordHash: 'h', meaning, signerId: by.actor.id, signerUsername: by.actor.username, signerName: by.actor.displayName,
      signerRole: by.actor.role, ts: c!.ts, tz: 'Asia/Shanghai', seq: c!.seq }] }),
    result: ([c]) => c!.seq,
  }))
}

async function withdraw(core: Core, signatureId: string, by: ActionContext) {
  return core.ledger.commit(async () => ({
    entries: [{ trail: 'data', actor: by.actor, action: 'signature_withdraw', correlationId: by.correlationId, client: by.client }],
    rows: ([c]) => ({ signatureWithdrawals: [{ signatureId, reason: 'signed the wrong version', actorId: by.actor.id, seq: c!.seq, ts: c!.ts }] }),
    result: () => undefined,
  }))
}

async function completeReview(core: Core, scope: object, ranges: object[], by: ActionContext) {
  const id = randomUUID()
  await core.ledger.commit(async () => ({
    entries: [
      { trail: 'system', actor: by.actor, action: 'review_open', correlationId: by.correlationId, client: by.client, details: { reviewId: id } },
      { trail: 'data', actor: by.actor, action: 'review', correlationId: by.correlationId, client: by.client, details: { reviewId: id } },
    ],
    rows: ([open, done]) => ({
      reviews: [{ id, scope: JSON.stringify(scope), ranges: JSON.stringify(ranges), entryCount: 1, openedBy: by.actor.id, seq: open!.seq, ts: open!.ts }],
      reviewCompletions: [{ reviewId: id, conclusion: 'No issues', reviewerId: by.actor.id, seq: done!.seq, ts: done!.ts }],
    }),
    result: () => undefined,
  }))
  return id
}

const reviewer = (): ActionContext => ({ ...operator('rita'), actor: { ...operator('rita').actor, role: 'reviewer' } })

let dir: ReturnType<typeof tempDir>
let core: Core
let a: string
let b: string

beforeAll(async () => {
  dir = tempDir()
  core = await testCore(dir.dir, { timeZone: 'Asia/Shanghai' })
  const ctx = operator()
  a = (await core.records.create(sterilisation.id, { batch: 'A-1', minutes: '15.0' }, ctx)).id // seq 1
  b = (await core.records.create(sterilisation.id, { batch: 'B-1', minutes: '10.0' }, ctx)).id // seq 2
  await sign(core, { id: a, version: 1 }, reviewer(), 'review') // seq 3
  await core.records.update(sterilisation.id, a, { data: { batch: 'A-1', minutes: '16.0' }, baseVersion: 1, reason: { code: 'typo' } }, ctx) // seq 4
  const second = await sign(core, { id: a, version: 2 }, reviewer(), 'approval') // seq 5
  const rows = await core.store.connections.reader.execute({ sql: 'SELECT id FROM signatures WHERE seq = ?', args: [second] })
  await withdraw(core, String(rows.rows[0]![0]), reviewer()) // seq 6
  await completeReview(core, { recordType: sterilisation.id, recordId: b }, [{ trail: 'data', from: 1, to: 6 }], reviewer()) // seq 7
  await completeReview(core, { trail: 'data', from: 3, to: 4 }, [{ trail: 'data', from: 3, to: 4 }], reviewer()) // seq 8
})
afterAll(async () => {
  await core.close()
  dir.cleanup()
})

describe('the rule context over the database', () => {
  it('lists record versions and signatures, minus withdrawals or as they stood at a seq', async () => {
    const ctx = createRuleContext(core.store.read, { trail: 'data' })
    expect((await ctx.recordVersions(sterilisation.id, a)).map((v) => [v.version, v.seq, v.data])).toEqual([
      [1, 1, { batch: 'A-1', minutes: '15.0' }],
      [2, 4, { batch: 'A-1', minutes: '16.0' }],
    ])
    const now = await ctx.signatures(sterilisation.id, a)
    expect(now.map((s) => [s.recordVersion, s.meaning, s.seq, s.signer.displayName])).toEqual([[1, 'review', 3, 'Rita Example']])
    const atSix = await ctx.signatures(sterilisation.id, a, { atSeq: 6 })
    expect(atSix.map((s) => s.seq)).toEqual([3, 5])
    expect((await ctx.signatures(sterilisation.id, a, { atSeq: 4 })).map((s) => s.seq)).toEqual([3])
    expect(await ctx.signatures(sterilisation.id, b)).toEqual([])
  })

  it('finds the completed reviews covering a record by its scope or its frozen ranges', async () => {
    const ctx = createRuleContext(core.store.read, { trail: 'data' })
    const ofA = await ctx.completedReviews(sterilisation.id, a)
    expect(ofA.map((r) => r.scope)).toEqual([{ trail: 'data', from: 3, to: 4 }])
    expect(ofA[0]).toMatchObject({ completedSeq: 8, reviewerId: 'u-rita', conclusion: 'No issues' })
    expect(reviewCoversSeq(ofA[0]!, 'data', 4)).toBe(true)
    expect(reviewCoversSeq(ofA[0]!, 'data', 1)).toBe(false)
    const ofB = await ctx.completedReviews(sterilisation.id, b)
    expect(ofB.map((r) => r.completedSeq)).toEqual([7])
  })

  it('reads earlier entries, the other trail, stored types and record labels', async () => {
    const ctx = createRuleContext(core.store.read, { trail: 'data' })
    expect((await ctx.earlierEntries(sterilisation.id, a, 6)).map((e) => [e.seq, e.action])).toEqual([
      [1, 'create'], [3, 'sign'], [4, 'update'], [5, 'sign'],
    ])
    expect((await ctx.earlierEntries(sterilisation.id, a, 6, { limit: 1 })).map((e) => e.seq)).toEqual([5])
    const all = await ctx.otherTrail('2000-01-01T00:00:00.000Z', '2100-01-01T00:00:00.000Z')
    expect(all.every((e) => e.trail === 'system')).toBe(true)
    expect(all.map((e) => e.action)).toEqual(['system_start', 'record_type_register', 'review_open', 'review_open'])
    const opened = await ctx.otherTrail('2000-01-01T00:00:00.000Z', '2100-01-01T00:00:00.000Z', { actions: ['review_open'], actorId: 'u-rita', limit: 1 })
    expect(opened.map((e) => e.action)).toEqual(['review_open'])
    const type = await ctx.recordType(sterilisation.id, '1.0.0')
    expect(type?.fields.minutes).toMatchObject({ critical: 'CPP', unit: 'min' })
    expect(await ctx.recordType(sterilisation.id)).toEqual(type)
    expect(await ctx.recordType('nope.nothing')).toBeUndefined()
    const label = await ctx.recordLabel({ type: sterilisation.id, typeVersion: '1.0.0', id: a, version: 2 })
    expect(label).toEqual({ en: `Sterilisation run “…${a.slice(-8)}”`, 'zh-CN': `灭菌记录“…${a.slice(-8)}”` })
  })

  it('refuses bad settings with a readable error', () => {
    for (const settings of [{ timeZone: 'Mars/Olympus' }, { workingHours: { start: '7:00', end: '19:00', days: [1] } }]) {
      try {
        createRuleContext(core.store.read, { trail: 'data', settings })
        expect.fail('expected a refusal')
      } catch (error) {
        expect(isVeritrailError(error) && error.code).toBe('validation_failed')
        expect((error as Error).message).toMatch(/^The review configuration is not valid: (timeZone|workingHours.start): /)
      }
    }
  })
})
