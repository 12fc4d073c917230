import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CodeRule, RuleContext } from '../../src/extension/exception-rule.js'
import { exporterConformance } from '../../src/extension/conformance/exporter-conformance.js'
import { FIRST_PARTY, world, type World } from './helpers.js'

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
