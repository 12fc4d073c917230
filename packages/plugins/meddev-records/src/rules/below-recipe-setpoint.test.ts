import { describe, expect, it } from 'vitest'
import type { Entry, RuleContext, RuleRecordVersion } from '@veritrail/core'
import { belowRecipeSetpoint } from './below-recipe-setpoint.js'

const version = (v: number, seq: number, data: Record<string, string>): RuleRecordVersion => ({ version: v, typeVersion: '1.0.0', data, deleted: false, seq, ts: '', actorId: 'u-1' })

const histories: Record<string, RuleRecordVersion[]> = {
  'meddev.recipe/r-1': [version(1, 1, { product: 'GZD-0808', recipeVersion: 'R01', sterilisationTime: '30', sterilisationTemperature: '121.0' }), version(2, 10, { product: 'GZD-0808', recipeVersion: 'R02', sterilisationTime: '20', sterilisationTemperature: '121.0' })],
  'meddev.batch/b-1': [version(1, 2, { batchNumber: 'B-0001', recipe: 'r-1' }), version(2, 3, { batchNumber: 'B-0001', recipe: 'r-1' })],
  'meddev.batch/b-2': [version(1, 11, { batchNumber: 'B-0002', recipe: 'r-1' })],
}

function batchEntry(seq: number, id: string, v: number, changes: Entry['changes'], action: Entry['action'] = 'transition'): Entry {
  return {
    seq,
    trail: 'data',
    action,
    actor: { id: 'u-1', username: 'li.na', displayName: 'Li Na', role: 'operator', type: 'person' },
    target: { type: 'meddev.batch', typeVersion: '1.0.0', id, version: v },
    changes,
    reason: { text: '计时器误差' },
  } as Entry
}

/** A context that answers histories a tick later and counts how many were asked for at once. */
function context() {
  const waves: string[][] = []
  let wave: string[] | undefined
  const ctx = {
    recordVersions: (type: string, id: string) => {
      if (!wave) {
        waves.push((wave = []))
        setImmediate(() => (wave = undefined))
      }
      wave.push(`${type}/${id}`)
      return new Promise<RuleRecordVersion[]>((resolve) => setImmediate(() => resolve(histories[`${type}/${id}`] ?? [])))
    },
  } as unknown as RuleContext
  return { ctx, waves }
}

describe('meddev.batch-below-recipe-setpoint', () => {
  it('flags an actual value below the setpoint of the recipe version current at the entry, asking for histories together', async () => {
    const { ctx, waves } = context()
    const entries = [
      batchEntry(3, 'b-1', 2, [{ field: 'actualSterilisationTime', label: 'Actual', old: '30', new: '25' }]),
      batchEntry(11, 'b-2', 1, [{ field: 'actualSterilisationTime', label: 'Actual', new: '25' }, { field: 'actualSterilisationTemperature', label: 'T', new: '120.5' }], 'create'),
      batchEntry(12, 'b-1', 3, [{ field: 'remarks', label: 'Remarks', new: 'ok' }], 'update'),
    ]
    const findings = await belowRecipeSetpoint.evaluate(entries, ctx)
    expect(findings.map((f) => [f.seq, f.details])).toEqual([
      [3, { field: 'actualSterilisationTime', value: '25', setpoint: '30', recipe: 'GZD-0808 R01' }],
      [11, { field: 'actualSterilisationTemperature', value: '120.5', setpoint: '121.0', recipe: 'GZD-0808 R02' }],
    ])
    expect(findings[0]!.message.en).toBe(
      'Actual sterilisation hold time of batch B-0001 is 25 min (was 30 min), below the validated setpoint of 30 min in recipe GZD-0808 R01; recorded by Li Na. Reason given: “计时器误差”.',
    )
    expect(waves).toEqual([['meddev.batch/b-1', 'meddev.batch/b-2'], ['meddev.recipe/r-1']])
  })

  it('names the actions it looks at, so the engine passes it no others', () => {
    expect(belowRecipeSetpoint.meta.actions).toEqual(['create', 'update', 'transition', 'ingest'])
  })
})
