import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { operator, sterilisation, tempDir, testCore } from '../../../tests/fixtures.js'
import type { Core } from '../../core.js'
import { defineRule, tagRule, type CodeRule, type Finding } from '../../extension/exception-rule.js'
import type { Entry } from '../../ledger/entry.js'
import { createRuleContext } from './context.js'
import { defineDeclarativeRule } from './declarative/define.js'
import { packRules, RUNS_IN, runRules, startRuleRun } from './engine.js'

let dir: ReturnType<typeof tempDir>
let core: Core
let entries: Entry[]
let clock = Date.parse('2024-03-04T02:00:00.000Z') // Monday 10:00 in Asia/Shanghai

const criticalChange = defineDeclarativeRule({
  meta: { id: 'test.critical', version: '2.1.0', severity: 'warning', description: { en: 'Critical changes', 'zh-CN': '关键数据修改' } },
  when: { trail: 'data', actions: ['update'], changes: { critical: true, old: 'present' } },
  message: {
    en: '{actor} changed “{field.label}” of {record} from {old} to {new}. Reason: {reason}.',
    'zh-CN': '{actor}将{record}的“{field.label}”由 {old} 改为 {new}。原因：{reason}。',
  },
})
const repeated = defineDeclarativeRule({
  meta: { id: 'test.repeated', version: '1.0.0', severity: 'critical', description: { en: 'Repeated', 'zh-CN': '重复' } },
  when: { trail: 'data', actions: ['update'], changes: { critical: true } },
  window: { minutes: 30, atLeast: 3, by: 'field' },
  message: { en: '“{field.label}” changed {count} times within {window}.', 'zh-CN': '“{field.label}”在{window}内修改了 {count} 次。' },
})
const deletions = defineRule({
  meta: { id: 'test.deleted', version: '1.0.0', severity: 'info', description: { en: 'Deletions', 'zh-CN': '删除' } },
  evaluate: (batch) =>
    batch
      .filter((e) => e.action === 'delete')
      .map((e): Finding => ({ seq: e.seq, trail: e.trail, severity: 'warning', message: { en: 'deleted', 'zh-CN': '已删除' } })),
})
const broken = defineRule({
  meta: { id: 'test.broken', version: '0.0.1', severity: 'info', description: { en: 'Throws', 'zh-CN': '抛出异常' } },
  evaluate: (batch) => {
    if (batch.some((e) => e.action === 'delete')) throw new Error('cannot handle deletes')
    return []
  },
})

beforeAll(async () => {
  dir = tempDir()
  core = await testCore(dir.dir, { timeZone: 'Asia/Shanghai', now: () => clock })
  const ctx = operator()
  const { id } = await core.records.create(sterilisation.id, { batch: 'B-1', minutes: '15.0' }, ctx)
  for (const [i, minutes] of ['14.0', '13.5', '12.0'].entries()) {
    clock += 5 * 60_000
    await core.records.update(sterilisation.id, id, { data: { batch: 'B-1', minutes }, baseVersion: i + 1, reason: { code: 'typo' } }, ctx)
  }
  const other = await core.records.create(sterilisation.id, { batch: 'B-2', minutes: '20.0' }, ctx)
  await core.records.delete(sterilisation.id, other.id, { reason: { text: 'Entered twice' } }, ctx)
  const rs = await core.store.connections.reader.execute("SELECT bytes FROM entries WHERE trail = 'data' ORDER BY seq")
  entries = rs.rows.map((r) => JSON.parse(String(r[0])) as Entry)
})
afterAll(async () => {
  await core.close()
  dir.cleanup()
})

const ctx = () => createRuleContext(core.store.read, { trail: 'data' })

describe('runRules', () => {
  it('stamps every finding with the rule, its version and the pack, and words it for a reviewer', async () => {
    const result = await runRules(packRules('acme-pack', 'sha256:abc', [criticalChange, deletions]), entries, ctx())
    expect(result.entryCount).toBe(6)
    expect(result.errors).toEqual([])
    expect(result.findings.map((f) => [f.seq, f.rule.id, f.severity])).toEqual([
      [2, 'test.critical', 'warning'],
      [3, 'test.critical', 'warning'],
      [4, 'test.critical', 'warning'],
      [6, 'test.deleted', 'warning'],
    ])
    expect(result.findings[0]).toMatchObject({
      trail: 'data',
      rule: { id: 'test.critical', version: '2.1.0', pack: 'acme-pack', packHash: 'sha256:abc' },
      details: { fields: ['minutes'] },
    })
    const id = entries[0]!.target!.id
    expect(result.findings[0]!.message).toEqual({
      en: `Alice Example (alice, Operator) changed “Sterilisation time” of Sterilisation run “…${id.slice(-8)}” from 15.0 min to 14.0 min. Reason: Typing error.`,
      'zh-CN': `Alice Example（alice，操作员）将灭菌记录“…${id.slice(-8)}”的“灭菌时间”由 15.0 min 改为 14.0 min。原因：录入错误。`,
    })
  })

  it('records a throwing rule as an error against its id, and the other rules go on', async () => {
    const result = await runRules(packRules('p', 'h', [broken, deletions, criticalChange]), entries, ctx(), { batchSize: 2 })
    expect(result.errors).toEqual([
      { rule: { id: 'test.broken', version: '0.0.1', pack: 'p', packHash: 'h' }, message: 'cannot handle deletes', ranges: [{ trail: 'data', from: 5, to: 6 }] },
    ])
    expect(result.findings.map((f) => f.rule.id)).toEqual(['test.critical', 'test.critical', 'test.critical', 'test.deleted'])
    expect(Object.keys(result.timings).sort()).toEqual(['test.broken', 'test.critical', 'test.deleted'])
  })

  it('carries window counts across batches and fires once per burst', async () => {
    const result = await runRules(packRules('p', 'h', [repeated]), entries, ctx(), { batchSize: 1 })
    expect(result.findings).toHaveLength(1)
    expect(result.findings[0]).toMatchObject({
      seq: 4,
      severity: 'critical',
      message: { en: '“Sterilisation time” changed 3 times within 30 minutes.' },
      details: { count: 3, windowMinutes: 30, seqs: [2, 3, 4] },
    })
  })

  it('refuses a finding that is not about the batch', async () => {
    const stray = defineRule({
      meta: { id: 'test.stray', version: '1.0.0', severity: 'info', description: { en: 'Stray', 'zh-CN': '越界' } },
      evaluate: () => [{ seq: 999, trail: 'data', message: { en: 'x', 'zh-CN': 'x' } }],
    })
    const untranslated = defineRule({
      meta: { id: 'test.untranslated', version: '1.0.0', severity: 'info', description: { en: 'No zh', 'zh-CN': '无中文' } },
      evaluate: (batch) => [{ seq: batch[0]!.seq, trail: 'data', message: { en: 'x' } as never }],
    })
    const result = await runRules(packRules('p', 'h', [stray, untranslated, criticalChange]), entries, ctx())
    expect(result.errors.map((e) => [e.rule.id, e.message])).toEqual([
      ['test.stray', 'it returned an invalid finding: seq 999 is not an entry of the batch'],
      ['test.untranslated', 'it returned an invalid finding: the message of seq 1 needs an English and a Simplified Chinese text'],
    ])
    expect(result.findings.map((f) => f.seq)).toEqual([2, 3, 4])
  })

  it('passes a code rule that names its actions only those entries, and skips it when a batch has none', async () => {
    const seen: number[][] = []
    const looksAtDeletes = defineRule({
      meta: { id: 'test.looks', version: '1.0.0', severity: 'info', description: { en: 'Deletes', 'zh-CN': '删除' }, actions: ['delete'] },
      evaluate: (batch) => (seen.push(batch.map((e) => e.seq)), []),
    })
    const result = await runRules(packRules('p', 'h', [looksAtDeletes, deletions]), entries, ctx(), { batchSize: 3 })
    expect(seen).toEqual([[6]])
    expect(result.findings.map((f) => [f.seq, f.rule.id])).toEqual([[6, 'test.deleted']])
    expect(() => defineRule({ ...looksAtDeletes, meta: { ...looksAtDeletes.meta, actions: ['remove' as never] } })).toThrow(/Not an action/)
  })

  it('lets a rule in a sandbox go on with a batch while the next is evaluated, and waits for it in finish', async () => {
    const order: string[] = []
    const slow: CodeRule = {
      kind: 'code',
      meta: { ...deletions.meta, id: 'test.sandboxed' },
      evaluate: async (batch, ruleCtx) => {
        order.push(`start ${batch[0]!.seq}`)
        await new Promise((resolve) => setTimeout(resolve, 50))
        order.push(`end ${batch[0]!.seq}`)
        return deletions.evaluate(batch, ruleCtx)
      },
    }
    const sandboxed = tagRule(Object.assign(slow, { [RUNS_IN]: 'worker' }))
    const run = startRuleRun(packRules('p', 'h', [sandboxed]), ctx())
    await run.feed(entries.slice(0, 3))
    expect(() => run.result()).toThrow(/await finish/)
    await run.feed(entries.slice(3))
    expect(order).toEqual(['start 1', 'start 4', 'end 1'])
    const result = await run.finish()
    expect(result.findings.map((f) => [f.seq, f.rule.id])).toEqual([[6, 'test.sandboxed']])
    expect(run.result().entryCount).toBe(6)
  })

  it('refuses duplicate rule ids, untagged rules and batches of the other trail', async () => {
    await expect(runRules(packRules('p', 'h', [deletions, deletions]), entries, ctx())).rejects.toThrow(/Two rules have the id “test.deleted”/)
    await expect(runRules([{ rule: { kind: 'code', meta: deletions.meta, evaluate: deletions.evaluate } as never, pack: 'p', packHash: 'h' }], entries, ctx())).rejects.toThrow(/not made by defineRule/)
    const system = createRuleContext(core.store.read, { trail: 'system' })
    await expect(runRules(packRules('p', 'h', [deletions]), entries, system)).rejects.toThrow(/holds entries of another trail/)
  })
})
