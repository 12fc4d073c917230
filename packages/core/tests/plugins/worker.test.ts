import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CodeRule, RuleContext } from '../../src/extension/exception-rule.js'
import { exporterConformance } from '../../src/extension/conformance/exporter-conformance.js'
import { createRuleContext } from '../../src/review/rules/context.js'
import { runRules } from '../../src/review/rules/engine.js'
import { operator } from '../fixtures.js'
import { dataEntries, FIRST_PARTY, world, type World } from './helpers.js'

const HOSTILE = fileURLToPath(new URL('./fixtures/first-party-hostile/', import.meta.url))
let w: World
let rules: Map<string, CodeRule>
const ctx = { trail: 'data' } as unknown as RuleContext

beforeAll(async () => {
  w = await world([], { firstPartyDir: HOSTILE })
  rules = new Map((await w.host.exceptionRules()).map((r) => [r.rule.meta.id, r.rule as CodeRule]))
})
afterAll(() => w.close())

describe('first-party code rules in a worker thread', () => {
  it('run with an empty environment, off the main thread', async () => {
    const [finding] = await rules.get('worker.env')!.evaluate([], ctx)
    expect(finding!.details).toEqual({ env: [], threadId: expect.any(Number) })
    expect(finding!.details!.threadId).not.toBe(0)
  })

  it('are terminated when they loop or exhaust their heap, and the next call gets a fresh worker', async () => {
    const started = Date.now()
    await expect(rules.get('worker.loop')!.evaluate([], ctx)).rejects.toThrow(
      /@fixture\/worker-rules \(worker sandbox\): rule worker.loop did not finish within 1500 ms/,
    )
    expect(Date.now() - started).toBeLessThan(3_000)
    expect(await rules.get('worker.env')!.evaluate([], ctx)).toHaveLength(1)
    await expect(rules.get('worker.alloc')!.evaluate([], ctx)).rejects.toThrow(
      /worker sandbox\) stopped: .*(ERR_WORKER_OUT_OF_MEMORY|memory)/i,
    )
    expect(await rules.get('worker.env')!.evaluate([], ctx)).toHaveLength(1)
    expect(w.host.list()[0]).toMatchObject({ status: 'active', problems: [] })
  })

  it('rebuild the review context over the server database and answer its queries in the worker', async () => {
    const { id } = await w.core.records.create('test.sterilisation', { batch: 'W-1', minutes: '15.0' }, operator())
    await w.core.records.update('test.sterilisation', id, { data: { batch: 'W-1', minutes: '16.0' }, baseVersion: 1, reason: { code: 'typo' } }, operator())
    const entries = await dataEntries(w.core)
    const review = createRuleContext(w.core.store.read, { trail: 'data' })
    const packed = (await w.host.exceptionRules()).filter((r) => r.rule.meta.id === 'worker.history')
    const result = await runRules(packed, entries, review, { batchSize: 1 })
    expect(result.errors).toEqual([])
    expect(result.findings.map((f) => f.details!.versions)).toEqual([[1, 2], [1, 2]])
    expect(result.findings.every((f) => f.details!.threadId !== 0 && f.details!.rebuilt === true)).toBe(true)
    // The same batch again: the worker still holds it, and the run's context.
    const history = rules.get('worker.history')!
    expect((await history.evaluate(entries, review)).map((f) => f.details!.versions)).toEqual([[1, 2], [1, 2]])
    expect(await history.evaluate(entries, review)).toHaveLength(2)
  })
})

describe('first-party exporters', () => {
  it('are registered through the host and pass the conformance kit', async () => {
    const fp = await world([], { firstPartyDir: FIRST_PARTY })
    try {
      const exporters = await fp.host.exporters()
      expect(exporters.map((e) => [e.pluginId, e.value.id])).toEqual([
        ['@fixture/sample-records', 'fixture.jsonl'],
      ])
      const { output, items } = await exporterConformance(exporters[0]!.value)
      expect(new TextDecoder().decode(output).trim().split('\n')).toHaveLength(items.length)
    } finally {
      await fp.close()
    }
  })
})
