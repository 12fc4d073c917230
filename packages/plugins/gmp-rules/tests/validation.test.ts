import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { evaluateScope, FIRST_PARTY_PLUGINS, openPluginHost, type Severity, type StampedFinding, type Trail } from '@veritrail/core'
import { abnormalStories } from './abnormal.js'
import { normalStories } from './normal.js'
import { keys, Site, type Ranges } from './site.js'
import { cast, type Story } from './stories.js'

// R-RV-04 validation fixture: scripted event sequences, normal and abnormal, written through the
// real core on one plant's timeline, then the whole trails evaluated at once with the GMP pack,
// as a periodic review would. Every abnormal event must be reported (recall 1) and nothing else
// (precision 1); normal work must raise nothing, and above all nothing critical.

interface Outcome {
  story: Story
  ranges: Ranges
  expected: string[]
  found: StampedFinding[]
}

let site: Site
let setup: Ranges
const outcomes: Outcome[] = []
let all: StampedFinding[] = []
let size: Record<Trail, number>

const within = (f: StampedFinding, r: Ranges) => f.seq >= r[f.trail].from && f.seq <= r[f.trail].to

beforeAll(async () => {
  site = await Site.open()
  let people!: Awaited<ReturnType<typeof cast>>
  setup = await site.record(async () => {
    people = await cast(site)
    // The stories span about 15 weeks: password ageing would interrupt them.
    await site.core.settings.change({ password: { maxAgeDays: 0 } }, { text: 'Passwords managed by SSO policy' }, site.admin)
  })
  for (const story of [...normalStories(site, people), ...abnormalStories(site, people)]) {
    const expected: string[] = []
    site.nextWorkday()
    const ranges = await site.record(() => story.run(site, (rule, trail: Trail, seq) => void expected.push(`${rule}@${trail}:${seq}`)))
    outcomes.push({ story, ranges, expected: expected.sort(), found: [] })
  }
  size = await site.sizes()
  all = await site.findings({ data: { from: 1, to: size.data }, system: { from: 1, to: size.system } })
  for (const o of outcomes) o.found = all.filter((f) => within(f, o.ranges))
}, 120_000)
afterAll(() => site.close())

describe('R-RV-04 validation fixture', () => {
  it('has at least 50 normal and 10 abnormal sequences', () => {
    expect(outcomes.filter((o) => o.story.kind === 'normal').length).toBeGreaterThanOrEqual(50)
    expect(outcomes.filter((o) => o.story.kind === 'abnormal').length).toBeGreaterThanOrEqual(10)
    expect(new Set(outcomes.map((o) => o.story.name)).size).toBe(outcomes.length)
  })

  it('reports every abnormal event, on the entry where it happened, and nothing else in those sequences', () => {
    for (const o of outcomes.filter((x) => x.story.kind === 'abnormal')) {
      expect(o.expected.length, o.story.name).toBeGreaterThan(0)
      expect(keys(o.found), o.story.name).toEqual(o.expected)
    }
  })

  it('raises no finding on normal sequences (and so no critical false alarm)', () => {
    const falseAlarms: Record<Severity, string[]> = { info: [], warning: [], critical: [] }
    for (const o of outcomes.filter((x) => x.story.kind === 'normal')) {
      for (const f of o.found) falseAlarms[f.severity].push(`${o.story.name}: ${f.rule.id} — ${f.message.en}`)
    }
    expect(falseAlarms).toEqual({ info: [], warning: [], critical: [] })
  })

  it('covers every rule of the pack with at least one abnormal sequence', () => {
    const flagged = new Set(outcomes.flatMap((o) => o.found.map((f) => f.rule.id)))
    expect([...flagged].sort()).toHaveLength(20)
  })

  it('accounts for every finding: only the set-up’s own configuration change lies outside the sequences', () => {
    const outside = all.filter((f) => !outcomes.some((o) => within(f, o.ranges)))
    expect(outside.map((f) => [f.rule.id, within(f, setup)])).toEqual([['gmp.configuration-changed', true]])
    const totals = { normal: 0, abnormal: 0, expected: 0, found: 0 }
    for (const o of outcomes) {
      totals[o.story.kind]++
      totals.expected += o.expected.length
      totals.found += o.found.length
    }
    console.info(`R-RV-04 fixture: ${totals.normal} normal and ${totals.abnormal} abnormal sequences; ${totals.expected} abnormal events expected, ${totals.found} findings in sequences`)
  })

  it('finds the same with its code rules isolated in a worker that reads the database itself', async () => {
    const host = await openPluginHost({ core: site.core, firstPartyDir: FIRST_PARTY_PLUGINS, firstPartyRules: 'worker' })
    try {
      const rules = (await host.exceptionRules()).filter((r) => r.pack === '@veritrail/plugin-gmp-rules')
      expect(rules.filter((r) => r.rule.kind === 'code').map((r) => r.rule.meta.id).sort()).toEqual(['gmp.changed-after-review', 'gmp.changed-after-signature'])
      const isolated: StampedFinding[] = []
      for (const trail of ['data', 'system'] as const) {
        // Batches of 50 entries: many batches, so the worker's per-run context and batch hand-over are exercised.
        const result = await evaluateScope(site.core.store.read, { trail, fromSeq: 1, toSeq: size[trail], rules, batchSize: 50 })
        expect(result.errors).toEqual([])
        isolated.push(...result.findings)
      }
      const stripped = (list: StampedFinding[]) => list.map(({ rule: { packHash: _h, ...rule }, ...f }) => ({ ...f, rule }))
      expect(stripped(isolated)).toEqual(stripped(all))
      expect(isolated.filter((f) => f.rule.id === 'gmp.changed-after-review' || f.rule.id === 'gmp.changed-after-signature').length).toBeGreaterThan(1)
    } finally {
      await host.dispose()
    }
  })
})
