import { SYSTEM_ACTOR, type ActionContext, type Trail } from '@veritrail/core'
import type { Rec, Site } from './site.js'
import { batch, equipment, result } from './types.js'

/** Records that an abnormal event must be reported by `rule` on entry `seq` of `trail`. */
export type Expect = (rule: string, trail: Trail, seq: number) => void

/** A small scripted event sequence: normal work, or work with abnormal events to be reported. */
export interface Story {
  name: string
  kind: 'normal' | 'abnormal'
  run(s: Site, expect: Expect): Promise<void>
}

/** The plant's people, created once before the stories. */
export interface Cast {
  alice: ActionContext
  bob: ActionContext
  chen: ActionContext
  rita: ActionContext
  quinn: ActionContext
}

export async function cast(s: Site): Promise<Cast> {
  const people = {
    alice: await s.person('alice', 'Alice Wang 王爱丽', 'operator'),
    bob: await s.person('bob', 'Bob Li 李波', 'operator'),
    chen: await s.person('chen', 'Chen Jie 陈杰', 'operator'),
    rita: await s.person('rita', 'Rita Zhou 周丽', 'reviewer'),
    quinn: await s.person('quinn', 'Quinn Sun 孙群', 'qa'),
  }
  for (const name of ['dina', 'eve', 'frank', 'gina', 'hank', 'ivan']) await s.person(name, `${name[0]!.toUpperCase()}${name.slice(1)} Operator`, 'operator')
  await s.person('lims', 'LIMS interface', 'integration')
  await s.person('mes', 'MES line 3', 'integration')
  return people
}

let serial = 0
const next = () => String(++serial).padStart(4, '0')

export const helpers = (s: Site, c: Cast) => ({
  batch: (by = c.alice, extra: Record<string, unknown> = {}) =>
    s.create(batch, { batchNumber: `B-${next()}`, product: 'Gauze pad 10x10', status: 'in_production', ...extra }, by),
  result: (by = c.alice, extra: Record<string, unknown> = {}) =>
    s.create(result, { sampleId: `S-${next()}`, test: 'Assay HPLC', status: 'pending', ...extra }, by),
  ingest: (ref: string, system = 'LIMS') =>
    s.as(system.toLowerCase(), 'integration', { source: { system, user: 'wu.jing', ts: '2024-03-04T10:00:00+08:00', ref } }),
  async reported(by = c.alice): Promise<Rec> {
    const rec = await s.create(result, { sampleId: `S-${next()}`, test: 'Assay HPLC', status: 'pending', assay: '99.1' }, by)
    await s.update(rec, { status: 'reported' }, by)
    return rec
  },
  async approve(rec: Rec): Promise<void> {
    await s.review({ record: rec }, c.rita)
    await s.sign(rec, 'rita', 'review')
    await s.sign(rec, 'quinn', 'approval')
    await s.update(rec, { status: 'approved' }, c.quinn)
  },
  async complete(rec: Rec, by = c.alice): Promise<number> {
    return s.update(rec, { status: 'completed', sterilisationTemperature: '121.4', sterilisationTime: '30.5', quantity: 480 }, by, { code: 'step_completed' })
  },
})
