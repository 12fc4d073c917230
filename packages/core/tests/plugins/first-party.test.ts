import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import type { CodeRule } from '../../src/extension/exception-rule.js'
import type { Entry } from '../../src/ledger/entry.js'
import { operator } from '../fixtures.js'
import { admin, dataEntries, FIRST_PARTY, pluginEntries, world, type World } from './helpers.js'

let w: World
afterEach(() => w.close())

const SAMPLE = '@fixture/sample-records'
const info = (id = SAMPLE) => w.host.list().find((p) => p.id === id)!

describe('a first-party plugin', () => {
  it('is trusted, activates when its record type is first needed, and records write through it', async () => {
    w = await world([], { firstPartyDir: FIRST_PARTY })
    expect(info()).toMatchObject({
      origin: 'first-party',
      status: 'ready',
      trusted: true,
      signed: false,
      enabled: true,
    })
    expect(info().contributes.recordTypes).toEqual([{ id: 'fixture.sample', version: '1.0.0' }])

    const started = performance.now()
    const type = w.host.registry.get('fixture.sample')
    const activationMs = performance.now() - started
    expect(type?.title.en).toBe('Sample')
    expect(info().status).toBe('active')
    const { id } = await w.core.records.create(
      'fixture.sample',
      { code: 'S-1', weight: '1.50' },
      operator(),
    )
    expect((await w.core.records.get('fixture.sample', id)).data).toEqual({
      code: 'S-1',
      weight: '1.50',
    })
    expect(activationMs).toBeLessThan(200)
  })

  it('evaluates its code rules in a worker thread running its TypeScript sources, and keeps declarative rules as data', async () => {
    w = await world([], { firstPartyDir: FIRST_PARTY })
    const ctx = operator()
    const { id } = await w.core.records.create(
      'fixture.sample',
      { code: 'S-2', weight: '1.50' },
      ctx,
    )
    await w.core.records.update(
      'fixture.sample',
      id,
      { data: { code: 'S-2', weight: '1.45' }, baseVersion: 1, reason: { code: 'typo' } },
      ctx,
    )
    const rules = await w.host.exceptionRules()
    expect(rules.map((r) => [r.rule.kind, r.rule.meta.id, r.pack])).toEqual([
      ['declarative', 'fixture.deleted', SAMPLE],
      ['code', 'fixture.bigChange', SAMPLE],
    ])
    expect(rules[0]!.packHash).toBe(info().manifestHash)
    const code = rules[1]!.rule as CodeRule
    const entries: Entry[] = await dataEntries(w.core)
    const findings = await code.evaluate(entries, { trail: 'data' } as never)
    expect(findings).toEqual([
      {
        seq: 2,
        trail: 'data',
        message: { en: 'weight changed', 'zh-CN': '重量已修改' },
        details: { threadId: expect.any(Number) },
      },
    ])
    expect(findings[0]!.details!.threadId).not.toBe(0)
  })

  it('can be disabled and enabled by an administrator, which the system trail records', async () => {
    w = await world([], { firstPartyDir: FIRST_PARTY })
    expect(w.host.registry.get('fixture.sample')).toBeDefined()
    await w.host.disable(SAMPLE, admin())
    expect(info()).toMatchObject({ status: 'disabled', enabled: false })
    expect(w.host.registry.get('fixture.sample')).toBeUndefined()
    await w.host.enable(SAMPLE, admin())
    expect(w.host.registry.get('fixture.sample')?.id).toBe('fixture.sample')
    expect(
      (await pluginEntries(w.core)).map((e) => [e.action, e.details?.plugin, e.details?.origin]),
    ).toEqual([
      ['plugin_disable', SAMPLE, 'first-party'],
      ['plugin_enable', SAMPLE, 'first-party'],
    ])
    await expect(w.host.install(SAMPLE, admin())).rejects.toThrow(/installed with Veritrail itself/)
  })
})

describe('the repository’s own plugins', () => {
  it('load from packages/plugins with their record types', async () => {
    w = await world([], {
      firstPartyDir: fileURLToPath(new URL('../../../plugins/', import.meta.url)),
    })
    const meddev = info('@veritrail/plugin-meddev-records')
    expect(meddev.problems).toEqual([])
    expect(meddev.status).toBe('ready')
    expect(w.host.registry.get('meddev.batch')?.version).toBe('1.0.0')
    expect(w.host.registry.list().length).toBeGreaterThanOrEqual(12)
    expect(info('@veritrail/plugin-meddev-records').status).toBe('active')
  })
})
