import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { operator, sterilisation, tempDir, testCore } from '../../../../tests/fixtures.js'
import type { Core } from '../../../core.js'
import type { ActionContext } from '../../../ledger/context.js'
import type { Entry, Trail } from '../../../ledger/entry.js'
import { createRuleContext } from '../context.js'
import { packRules, runRules } from '../engine.js'
import { defineDeclarativeRule } from './define.js'
import type { RuleCondition } from './schema.js'

let dir: ReturnType<typeof tempDir>
let core: Core
let clock = 0
const at = (iso: string) => (clock = Date.parse(iso))
const as = (role: string, name: string, extra: Partial<ActionContext> = {}): ActionContext => {
  const base = operator(name)
  return { ...base, actor: { ...base.actor, role }, ...extra }
}
const entries: Record<Trail, Entry[]> = { data: [], system: [] }

beforeAll(async () => {
  dir = tempDir()
  at('2024-03-04T02:00:00.000Z') // Monday 10:00 in Shanghai
  core = await testCore(dir.dir, { timeZone: 'Asia/Shanghai', now: () => clock })
  const alice = as('operator', 'alice')
  const { id } = await core.records.create(sterilisation.id, { batch: 'B-1', minutes: '15.0' }, alice) // 1
  at('2024-03-04T02:05:00.000Z')
  await core.records.update(sterilisation.id, id, { data: { batch: 'B-1', minutes: '14.0' }, baseVersion: 1, reason: { code: 'typo' } }, alice) // 2
  at('2024-03-04T15:30:00.000Z') // Monday 23:30
  await core.records.update(sterilisation.id, id, { data: { batch: 'B-1', minutes: '14.0', operatorNote: 'late' }, baseVersion: 2 }, alice) // 3
  at('2024-03-09T01:00:00.000Z') // Saturday 09:00
  const source = { system: 'LIMS', user: 'lab.wu', ts: '2024-03-09T08:59:00+08:00', ref: 'R-77' }
  const other = await core.records.create(sterilisation.id, { batch: 'B-2', minutes: '9.0' }, as('integration', 'lims', { source })) // 4
  at('2024-03-09T19:00:00.000Z') // Sunday 03:00
  await core.records.update(sterilisation.id, id, { data: { batch: 'B-1', minutes: '13.0', operatorNote: 'late' }, baseVersion: 3,
    reason: { code: 'other', text: 'Reprocessed after re-integration of the chromatogram' } }, as('sysadmin', 'root')) // 5
  at('2024-03-11T03:00:00.000Z') // Monday 11:00
  await core.records.delete(sterilisation.id, other.id, { reason: { text: 'Wrong batch' } }, alice) // 6
  await core.ledger.append([
    { trail: 'system', actor: as('system', 'system').actor, action: 'login_failed', correlationId: 'c1', client: alice.client, details: { username: 'bob', reason: 'wrong password' } },
    { trail: 'system', actor: as('sysadmin', 'root').actor, action: 'config_change', correlationId: 'c2', client: alice.client, details: { setting: 'alarms.highTemperature.enabled', old: true, new: false } },
  ])
  for (const trail of ['data', 'system'] as const) {
    const rs = await core.store.connections.reader.execute({ sql: 'SELECT bytes FROM entries WHERE trail = ? ORDER BY seq', args: [trail] })
    entries[trail] = rs.rows.map((r) => JSON.parse(String(r[0])) as Entry)
  }
})
afterAll(async () => {
  await core.close()
  dir.cleanup()
})

async function flagged(when: RuleCondition, trail: Trail = 'data'): Promise<number[]> {
  const rule = defineDeclarativeRule({
    meta: { id: 'test.case', version: '1.0.0', severity: 'info', description: { en: 'case', 'zh-CN': '用例' } },
    when,
    message: { en: '{actor} {action} {record}: {changes}', 'zh-CN': '{actor}{action}{record}：{changes}' },
  })
  const ctx = createRuleContext(core.store.read, { trail })
  const result = await runRules(packRules('p', 'h', [rule]), entries[trail], ctx)
  expect(result.errors).toEqual([])
  return result.findings.map((f) => f.seq)
}

describe('declarative conditions', () => {
  it('match actions, record types, actors, sources and reasons', async () => {
    const cases: [RuleCondition, number[]][] = [
      [{ actions: ['update'] }, [2, 3, 5]],
      [{ recordTypes: ['test.*'] }, [1, 2, 3, 4, 5, 6]],
      [{ recordTypes: ['test.other'] }, []],
      [{ actor: { roles: ['sysadmin', 'integration'] } }, [4, 5]],
      [{ actor: { usernames: ['alice'], types: ['person'] } }, [1, 2, 3, 6]],
      [{ source: 'present' }, [4]],
      [{ source: { systems: ['MES'] } }, []],
      [{ actions: ['update'], reason: 'absent' }, [3]],
      [{ reason: { codes: ['typo'] } }, [2]],
      [{ reason: { textPattern: 're-?integrat|重新积分' } }, [5]],
      [{ anyOf: [{ actions: ['delete'] }, { source: 'present' }] }, [4, 6]],
      [{ actions: ['update'], not: { reason: 'present' } }, [3]],
    ]
    for (const [when, seqs] of cases) expect(await flagged(when), JSON.stringify(when)).toEqual(seqs)
  })

  it('match field changes by name, criticality, presence and values', async () => {
    const cases: [RuleCondition, number[]][] = [
      [{ changes: { critical: true, old: 'present' } }, [2, 5]],
      [{ changes: { critical: ['CPP'] } }, [1, 2, 4, 5]],
      [{ changes: { critical: ['CQA'] } }, []],
      [{ changes: { critical: false } }, [1, 3, 4]],
      [{ changes: { fields: ['operatorNote'], old: 'absent', new: 'present' } }, [3]],
      [{ changes: { fieldPattern: '^min', newValues: ['13.0', '9.0'] } }, [4, 5]],
      [{ changes: { oldValues: ['14.0'] } }, [5]],
    ]
    for (const [when, seqs] of cases) expect(await flagged(when), JSON.stringify(when)).toEqual(seqs)
  })

  it('match local time in the site zone: working hours, days and clock ranges', async () => {
    const cases: [RuleCondition, number[]][] = [
      [{ time: { workingHours: 'outside' } }, [3, 4, 5]],
      [{ time: { workingHours: 'inside' } }, [1, 2, 6]],
      [{ time: { days: [0, 6] } }, [4, 5]],
      [{ time: { between: { from: '22:00', to: '06:00' } } }, [3, 5]],
    ]
    for (const [when, seqs] of cases) expect(await flagged(when), JSON.stringify(when)).toEqual(seqs)
  })

  it('treat a setting named in details as a field change, and match details', async () => {
    const system = entries.system
    const failed = system.find((e) => e.action === 'login_failed')!.seq
    const config = system.find((e) => e.action === 'config_change')!.seq
    expect(await flagged({ changes: { fieldPattern: 'alarm', old: 'present', newValues: [false, 'off'] } }, 'system')).toEqual([config])
    expect(await flagged({ details: { reason: ['wrong password'], username: ['bob'] } }, 'system')).toEqual([failed])
    expect(await flagged({ details: { reason: ['account locked'] } }, 'system')).toEqual([])
  })
})
