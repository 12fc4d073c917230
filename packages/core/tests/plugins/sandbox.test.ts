import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { isVeritrailError } from '../../src/errors.js'
import type { ExceptionRule, Finding, RuleContext } from '../../src/extension/exception-rule.js'
import { runRules } from '../../src/review/rules/engine.js'
import { createRuleContext } from '../../src/review/rules/context.js'
import type { Entry } from '../../src/ledger/entry.js'
import { operator } from '../fixtures.js'
import { admin, dataEntries, installAndTrust, world, type World } from './helpers.js'

let w: World
let entries: Entry[]
const HOSTILE = ['@hostile/loop', '@hostile/throws', '@hostile/alloc', '@hostile/key-thief']

/** Runs a contributed code rule the way the review engine does. */
async function evaluate(rule: ExceptionRule): Promise<Finding[]> {
  if (rule.kind !== 'code') throw new Error(`${rule.meta.id} is not a code rule`)
  return await rule.evaluate(entries, ruleContext())
}

/** The review engine's rule context over the real store. */
function ruleContext(): RuleContext {
  return createRuleContext(w.core.store.read, { trail: 'data' })
}

beforeAll(async () => {
  w = await world(['good-rules', 'loop', 'throws', 'alloc', 'key-thief'])
  for (const id of ['@partner/good-rules', ...HOSTILE]) await installAndTrust(w.host, id)
  const ctx = operator()
  const { id } = await w.core.records.create(
    'test.sterilisation',
    { batch: 'B-1', minutes: '15.0' },
    ctx,
  )
  await w.core.records.update(
    'test.sterilisation',
    id,
    { data: { batch: 'B-1', minutes: '12.0' }, baseVersion: 1, reason: { code: 'typo' } },
    ctx,
  )
  await w.core.records.delete(
    'test.sterilisation',
    id,
    { reason: { code: 'other', text: 'duplicate' } },
    ctx,
  )
  entries = await dataEntries(w.core)
})
afterAll(() => w.close())

describe('third-party rules run in a sandboxed process', () => {
  it('keeps the host answering and the good rules intact while hostile rules loop, throw, hoard memory and try to steal the key', async () => {
    const rules = await w.host.exceptionRules()
    expect(rules.map((r) => r.rule.meta.id).sort()).toEqual([
      'hostile.alloc',
      'hostile.keyThief',
      'hostile.loop',
      'hostile.throws',
      'partner.deletes',
      'partner.nightShift',
    ])
    const ticks: number[] = []
    const ticker = setInterval(() => ticks.push(Date.now()), 50)
    const started = Date.now()
    const code = rules.filter((r) => r.rule.kind === 'code')
    const outcomes = await Promise.allSettled(code.map((r) => evaluate(r.rule)))
    clearInterval(ticker)
    const elapsed = Date.now() - started
    const byId = new Map(outcomes.map((o, i) => [code[i]!.rule.meta.id, o]))

    // The good rule's findings arrive, computed in its own process with a query answered by the host.
    const good = byId.get('partner.deletes')!
    expect(good.status).toBe('fulfilled')
    expect(good.status === 'fulfilled' && good.value).toEqual([
      {
        seq: 3,
        trail: 'data',
        message: { en: 'deleted after 2 earlier entries', 'zh-CN': '已删除' },
        details: { trail: 'data' },
      },
    ])

    // Each hostile rule fails on its own, attributed to its plugin.
    const reason = (id: string) => {
      const o = byId.get(id)!
      expect(o.status).toBe('rejected')
      const error = (o as PromiseRejectedResult).reason
      expect(isVeritrailError(error) && error.code).toBe('plugin_error')
      return String(error.message)
    }
    expect(reason('hostile.loop')).toMatch(
      /@hostile\/loop.*did not finish within 1500 ms; the sandbox was stopped/,
    )
    expect(reason('hostile.throws')).toMatch(/@hostile\/throws.*rule exploded on purpose/)
    expect(reason('hostile.alloc')).toMatch(/@hostile\/alloc.*(heap out of memory|did not finish)/)

    // The key thief ran, and everything it tried was refused by the permission model.
    const thief = byId.get('hostile.keyThief')!
    expect(thief.status).toBe('fulfilled')
    type Attempt = { ok: boolean; code?: string; value?: string }
    const report = (thief as PromiseFulfilledResult<Finding[]>).value[0]!
      .details as unknown as Record<string, Attempt>
    for (const what of ['relative', 'absolute', 'database', 'write', 'spawn', 'worker']) {
      expect(report[what], what).toEqual({ ok: false, code: 'ERR_ACCESS_DENIED' })
    }
    expect(report.env).toEqual({ ok: true, value: '{}' })
    expect(report.ownFile!.ok).toBe(true)
    const key = readFileSync(join(w.dir, 'keys', 'checkpoint.key'), 'utf8').trim()
    expect(JSON.stringify(outcomes)).not.toContain(key.split('+').at(-1))

    // The host's event loop kept turning the whole time.
    const gaps = ticks.slice(1).map((t, i) => t - ticks[i]!)
    expect(Math.max(...gaps)).toBeLessThan(500)
    expect(elapsed).toBeLessThan(10_000)

    // And the host still answers: the good rule runs again; the list says who misbehaved.
    const again = rules.find((r) => r.rule.meta.id === 'partner.deletes')!
    expect(await evaluate(again.rule)).toHaveLength(1)
  })

  it('feeds the review engine: hostile rules become rule errors, the other findings are stamped with pack and hash', async () => {
    const rules = (await w.host.exceptionRules()).filter(
      (r) => r.rule.meta.id !== 'hostile.keyThief',
    )
    const result = await runRules(rules, entries, ruleContext())
    const good = w.host.list().find((p) => p.id === '@partner/good-rules')!
    expect(result.findings.map((f) => [f.rule.id, f.seq])).toContainEqual(['partner.deletes', 3])
    expect(result.findings.find((f) => f.rule.id === 'partner.deletes')!.rule).toEqual({
      id: 'partner.deletes',
      version: '2.0.0',
      pack: '@partner/good-rules',
      packHash: good.manifestHash,
    })
    expect(result.errors.map((e) => e.rule.id).sort()).toEqual([
      'hostile.alloc',
      'hostile.loop',
      'hostile.throws',
    ])
  })

  it('stamps every rule with its pack id and manifest hash, and passes declarative rules as data', async () => {
    const rules = await w.host.exceptionRules()
    const night = rules.find((r) => r.rule.meta.id === 'partner.nightShift')!
    const info = w.host.list().find((p) => p.id === '@partner/good-rules')!
    expect(night).toMatchObject({
      pack: '@partner/good-rules',
      packVersion: '2.0.0',
      packHash: info.manifestHash,
    })
    expect(night.rule).toMatchObject({ kind: 'declarative', when: { trail: 'data' } })
    expect(info).toMatchObject({ status: 'active', signed: false, trusted: true, enabled: true })
  })

  it('disables a plugin with a reason after its crash budget is spent, in the system trail', async () => {
    const loop = (await w.host.exceptionRules()).find((r) => r.rule.meta.id === 'hostile.loop')
    for (let i = 0; i < 3 && loop; i++) {
      await evaluate(loop.rule).catch(() => undefined)
    }
    const info = w.host.list().find((p) => p.id === '@hostile/loop')!
    expect(info.status).toBe('disabled')
    expect(info.enabled).toBe(false)
    expect(info.problems.at(-1)).toMatch(
      /stopped after 3 crashes or timeouts; the last: .*did not finish within 1500 ms/,
    )
    expect((await w.host.exceptionRules()).map((r) => r.rule.meta.id)).not.toContain('hostile.loop')
    await expect(evaluate(loop!.rule)).rejects.toThrow(/is disabled/)
    // The host writes the entry as soon as it disables the plugin, without holding up the caller.
    const entry = await vi.waitFor(async () => {
      const rs = await w.core.store.connections.reader.execute(
        "SELECT bytes FROM entries WHERE action = 'plugin_disable'",
      )
      return JSON.parse(String(rs.rows.at(-1)![0])) as Entry
    })
    expect(entry).toMatchObject({
      actor: { id: 'system' },
      details: { plugin: '@hostile/loop', reason: expect.stringMatching(/^Crash budget spent/) },
    })
    // An administrator can enable it again (a system-trail entry too).
    await w.host.enable('@hostile/loop', admin())
    expect(w.host.list().find((p) => p.id === '@hostile/loop')!.status).toBe('ready')
  })
})
