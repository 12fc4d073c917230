import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { operator, sterilisation, tempDir, testCore } from '../../../tests/fixtures.js'
import type { Core } from '../../core.js'
import { defineRule } from '../../extension/exception-rule.js'
import type { Entry, EntryDraft } from '../../ledger/entry.js'
import type { StoreReads } from '../../store/types.js'
import { createRuleContext } from './context.js'
import { defineDeclarativeRule } from './declarative/define.js'
import { packRules, runRules } from './engine.js'
import { evaluateScope } from './scope.js'

let dir: ReturnType<typeof tempDir>
let core: Core
let clock = Date.parse('2024-03-04T02:00:00.000Z')
let size = 0

const burst = defineDeclarativeRule({
  meta: { id: 'test.burst', version: '1.0.0', severity: 'warning', description: { en: 'Bursts', 'zh-CN': '集中修改' } },
  when: { trail: 'data', actions: ['update'] },
  window: { minutes: 2, atLeast: 3, by: 'record' },
  message: { en: '{record} changed {count} times within {window}.', 'zh-CN': '{record}在{window}内修改了 {count} 次。' },
})
const modified = defineDeclarativeRule({
  meta: { id: 'test.modified', version: '1.0.0', severity: 'info', description: { en: 'Modified', 'zh-CN': '修改' } },
  when: { trail: 'data', changes: { critical: true, old: 'present' } },
  message: { en: '{actor} changed {changes}.', 'zh-CN': '{actor}修改了{changes}。' },
})
const signed = defineRule({
  meta: { id: 'test.signed', version: '1.0.0', severity: 'critical', description: { en: 'Signed', 'zh-CN': '已签名' } },
  evaluate: async (entries, ctx) => {
    const out = []
    for (const e of entries) {
      if (e.action !== 'update' || !e.target) continue
      if ((await ctx.signatures(e.target.type, e.target.id)).length > 0) out.push({ seq: e.seq, trail: e.trail, message: { en: 'signed', 'zh-CN': '已签名' } })
    }
    return out
  },
})
const rules = packRules('p', 'h', [burst, modified, signed])

function update(i: number, record: string): EntryDraft {
  const ctx = operator(`op${i % 7}`)
  return {
    trail: 'data', actor: ctx.actor, action: 'update', correlationId: ctx.correlationId, client: ctx.client,
    target: { type: sterilisation.id, typeVersion: '1.0.0', id: record, version: 2 },
    changes: [{ field: 'minutes', label: 'Sterilisation time', old: '15.0', new: `${10 + (i % 5)}.0` }],
    reason: { code: 'typo', label: 'Typing error' },
  }
}

beforeAll(async () => {
  dir = tempDir()
  core = await testCore(dir.dir, { timeZone: 'Asia/Shanghai', now: () => clock })
  await core.records.create(sterilisation.id, { batch: 'B-0', minutes: '15.0' }, operator()) // seq 1 stores the type
  for (let i = 0; i < 3; i++) {
    clock += 20_000
    await core.ledger.append([update(i, 'burst-record')]) // seqs 2, 3, 4: one burst
  }
  for (let batch = 0; batch < 120; batch++) {
    clock += 60_000
    await core.ledger.append(Array.from({ length: 50 }, (_, i) => update(batch * 50 + i, `r-${(batch * 50 + i) % 997}`)))
  }
  size = await core.store.read.trailSize('data')
})
afterAll(async () => {
  await core.close()
  dir.cleanup()
})

async function all(): Promise<Entry[]> {
  const rs = await core.store.connections.reader.execute("SELECT bytes FROM entries WHERE trail = 'data' ORDER BY seq")
  return rs.rows.map((r) => JSON.parse(String(r[0])) as Entry)
}

describe('evaluateScope', () => {
  it('reads a scope in pages and finds exactly what runRules finds over the same entries', async () => {
    expect(size).toBe(6004)
    const progress: number[] = []
    const scoped = await evaluateScope(core.store.read, { trail: 'data', fromSeq: 1, toSeq: size, rules, onProgress: (done) => progress.push(done) })
    const inMemory = await runRules(rules, await all(), createRuleContext(core.store.read, { trail: 'data' }))
    expect(progress).toEqual([2000, 4000, 6000, 6004])
    expect(scoped.entryCount).toBe(6004)
    expect(scoped.errors).toEqual([])
    expect(scoped.findings).toEqual(inMemory.findings)
    expect(scoped.findings.filter((f) => f.rule.id === 'test.modified')).toHaveLength(6003)
    expect(scoped.findings.find((f) => f.rule.id === 'test.burst')).toMatchObject({ seq: 4, details: { count: 3, seqs: [2, 3, 4] } })
  })

  it('lets counting rules see the entries of their window before the scope', async () => {
    const fromFour = await evaluateScope(core.store.read, { trail: 'data', fromSeq: 4, toSeq: 4, rules })
    expect(fromFour.findings.map((f) => [f.seq, f.rule.id])).toEqual([[4, 'test.burst'], [4, 'test.modified']])
    const entries = (await all()).filter((e) => e.seq === 4)
    const blind = await runRules(rules, entries, createRuleContext(core.store.read, { trail: 'data' }))
    expect(blind.findings.map((f) => f.rule.id)).toEqual(['test.modified'])
  })

  it('asks the database a handful of statements per batch, not one per entry', async () => {
    let statements = 0
    const read = core.store.read
    const counting: StoreReads = Object.create(read, {
      sql: { value: { select: (sql: string, args?: never[]) => (statements++, read.sql.select(sql, args)) } },
    })
    await evaluateScope(counting, { trail: 'data', fromSeq: 1, toSeq: size, rules })
    expect(statements).toBeLessThan(30)
  })

  it('refuses a bad range and stops when aborted', async () => {
    await expect(evaluateScope(core.store.read, { trail: 'data', fromSeq: 0, toSeq: 5, rules })).rejects.toThrow(/range of sequence numbers/)
    const controller = new AbortController()
    controller.abort(new Error('review cancelled'))
    await expect(evaluateScope(core.store.read, { trail: 'data', fromSeq: 1, toSeq: size, rules, signal: controller.signal })).rejects.toThrow('review cancelled')
  })
})
