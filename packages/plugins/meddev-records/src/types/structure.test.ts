import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { recordJsonSchema, storedDefinition, type RecordTypeDefinition } from '@veritrail/core'
import { meddevRecordTypes } from './index.js'

/** The valibot entries of a record type's object schema (also behind a `v.pipe`). */
function schemaEntries(type: RecordTypeDefinition): Record<string, v.GenericSchema> {
  const schema = type.schema as unknown as { entries?: Record<string, v.GenericSchema> }
  if (!schema.entries) throw new Error(`${type.id}: the schema is not an object schema`)
  return schema.entries
}

const ids = new Set(meddevRecordTypes.map((t) => t.id))
const byId = new Map(meddevRecordTypes.map((t) => [t.id, t]))
const types = meddevRecordTypes.map((t) => [t.id, t] as const)

describe.each(types)('%s structure', (id, type) => {
  it('is named meddev.<name>, version 1.0.0', () => {
    expect(id).toMatch(/^meddev\.[a-z][A-Za-z]+$/)
    expect(type.version).toBe('1.0.0')
  })

  it('has a field definition for every schema entry and vice versa, each with a kind', () => {
    expect(Object.keys(schemaEntries(type))).toEqual(Object.keys(type.fields))
    for (const field of Object.values(type.fields)) expect(field.kind).toBeTruthy()
  })

  it('derives a JSON Schema with every field, and a storable definition', () => {
    const schema = recordJsonSchema(type) as { type: string; properties: Record<string, unknown> }
    expect(schema.type).toBe('object')
    expect(Object.keys(schema.properties)).toEqual(Object.keys(type.fields))
    expect(storedDefinition(type).sha256).toMatch(/^[0-9a-f]{64}$/)
  })

  it('keeps measured values as decimal strings: "5." and numbers are refused, "5.10" kept', () => {
    for (const [name, field] of Object.entries(type.fields).filter(
      ([, f]) => f.kind === 'decimal',
    )) {
      const schema = schemaEntries(type)[name]!
      const { min, max } = field.range ?? {}
      const valid = min === undefined ? '5.10' : min.includes('.') ? `${min}0` : `${min}.00`
      expect(v.safeParse(schema, valid).success, `${name} accepts ${valid}`).toBe(true)
      for (const invalid of ['5.', '.5', '5,1', '1e3', 5.1, '']) {
        expect(v.safeParse(schema, invalid).success, `${name} refuses ${String(invalid)}`).toBe(
          false,
        )
      }
      if (min !== undefined)
        expect(v.safeParse(schema, '-1').success, `${name} below ${min}`).toBe(false)
      if (max !== undefined) {
        const above = max.includes('.') ? `${max}1` : `${max}.1`
        expect(v.safeParse(schema, above).success, `${name} refuses ${above}`).toBe(false)
        expect(v.safeParse(schema, max).success, `${name} accepts ${max}`).toBe(true)
      }
    }
  })

  it('validates attachments as SHA-256 hex', () => {
    for (const [name] of Object.entries(type.fields).filter(([, f]) => f.kind === 'attachment')) {
      const schema = schemaEntries(type)[name]!
      expect(v.safeParse(schema, 'a'.repeat(64)).success).toBe(true)
      for (const bad of ['A'.repeat(64), 'a'.repeat(63), `sha256:${'a'.repeat(64)}`]) {
        expect(v.safeParse(schema, bad).success, `${name} refuses ${bad}`).toBe(false)
      }
    }
  })

  it('marks GMP-relevant fields critical and gives critical changes a reason to choose', () => {
    const critical = Object.values(type.fields).filter((f) => f.critical)
    expect(critical.length).toBeGreaterThan(0)
    const codes = type.reasons.map((r) => r.code)
    expect(new Set(codes).size).toBe(codes.length)
    expect(codes).toContain('transcription_error')
    expect(type.reasons.find((r) => r.code === 'other')).toMatchObject({ requiresText: true })
  })

  it('refers only to record types of the pack, from reference fields or lists of them', () => {
    for (const [name, field] of Object.entries(type.fields).filter(
      ([, f]) => f.references !== undefined,
    )) {
      expect(ids.has(field.references!), `${name} → ${field.references}`).toBe(true)
      expect(['reference', 'list'], name).toContain(field.kind)
    }
  })

  it('has a lifecycle whose field, states and transitions fit together, if it has one', () => {
    const lifecycle = type.lifecycle
    if (!lifecycle) return
    const states = lifecycle.states.map((s) => s.id)
    expect(type.fields[lifecycle.field]?.options?.map((o) => o.value)).toEqual(states)
    expect(states).toContain(lifecycle.initial)
    for (const t of lifecycle.transitions) {
      expect(states, `${t.from}→${t.to}`).toContain(t.from)
      expect(states, `${t.from}→${t.to}`).toContain(t.to)
    }
    const reached = new Set([lifecycle.initial])
    for (let before = 0; reached.size > before;) {
      before = reached.size
      for (const t of lifecycle.transitions) if (reached.has(t.from)) reached.add(t.to)
    }
    expect([...reached].sort(), 'every state is reachable').toEqual([...states].sort())
    expect(
      lifecycle.states.some((s) => s.locks),
      'some state locks the record',
    ).toBe(true)
  })

  it('names only existing fields in its summary, unique fields and retention', () => {
    for (const [, name] of (type.summary ?? '').matchAll(/\{(\w+)\}/g))
      expect(type.fields, `summary {${name}}`).toHaveProperty(name!)
    for (const name of type.unique ?? [])
      expect(type.fields[name]?.kind, `unique ${name}`).toBe('text')
    const from = type.retention?.from
    if (typeof from === 'object') expect(type.fields[from.field]?.kind).toBe('date')
    expect(type.retention?.years).toBeGreaterThanOrEqual(10)
  })
})

describe('the pack as a whole', () => {
  it('has the twelve record types of a medical-device plant', () => {
    expect([...ids].sort()).toEqual(
      [
        'batch',
        'batchRelease',
        'bom',
        'capa',
        'changeControl',
        'designDocument',
        'equipmentUsage',
        'inspection',
        'purchase',
        'recipe',
        'supplierQualification',
        'training',
      ].map((n) => `meddev.${n}`),
    )
  })

  it('flags the critical process parameters, quality and material attributes where they belong', () => {
    const kinds = (id: string) =>
      new Set(Object.values(byId.get(id)!.fields).map((f) => f.critical))
    expect([...kinds('meddev.recipe')]).toEqual(
      expect.arrayContaining(['CPP', 'CQA', 'CMA', 'GMP']),
    )
    expect(kinds('meddev.batch').has('CPP')).toBe(true)
    expect(kinds('meddev.inspection').has('CQA')).toBe(true)
    const recipe = byId.get('meddev.recipe')!.fields
    expect(recipe.sterilisationTemperature).toMatchObject({
      kind: 'decimal',
      unit: '°C',
      critical: 'CPP',
      range: { min: '115.0', max: '138.0' },
    })
  })

  it('offers the full set of reasons where measurements are taken', () => {
    const codes = byId.get('meddev.inspection')!.reasons.map((r) => r.code)
    expect(codes).toEqual(
      expect.arrayContaining([
        'transcription_error',
        'remeasured',
        'specification_change',
        'calibration_correction',
        'other',
      ]),
    )
  })

  it('lets only log-like records be deleted', () => {
    const deletable = meddevRecordTypes
      .filter((t) => t.deletable)
      .map((t) => [t.id, t.deletable!.roles])
    expect(deletable).toEqual([
      ['meddev.equipmentUsage', ['operator']],
      ['meddev.training', ['qa']],
    ])
  })

  it('gates batch release on two signatures and a completed review', () => {
    const release = byId.get('meddev.batchRelease')!.lifecycle!
    expect(release.transitions.find((t) => t.to === 'released')).toMatchObject({
      signatures: ['review', 'approval'],
      requiresReview: true,
    })
    expect(release.states.filter((s) => s.locks).map((s) => s.id)).toEqual(['released', 'rejected'])
  })
})
