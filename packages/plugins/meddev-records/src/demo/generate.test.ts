import { randomUUID } from 'node:crypto'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { fidelityErrors, type RecordTypeDefinition } from '@veritrail/core'
import { meddevRecordTypes } from '../types/index.js'
import { demoOperations } from './generate.js'
import type { DemoOperation } from './operation.js'
import { demoRefKey, resolveDemoRefs } from './refs.js'

const types = new Map(meddevRecordTypes.map((t) => [t.id, t]))

function take(seed: number, count: number): DemoOperation[] {
  const out: DemoOperation[] = []
  for (const op of demoOperations(seed)) {
    out.push(op)
    if (out.length === count) break
  }
  return out
}

/** `[field, key]` for every `ref:<key>` in a record's data (top-level references and lists). */
function referencesIn(data: Record<string, unknown>): [string, string][] {
  return Object.entries(data).flatMap(([field, value]) =>
    (Array.isArray(value) ? value : [value]).flatMap((item) => {
      const key = demoRefKey(item)
      return key === undefined ? [] : [[field, key] as [string, string]]
    }),
  )
}

function criticalChanges(
  type: RecordTypeDefinition,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): string[] {
  return Object.keys(type.fields).filter(
    (f) => type.fields[f]!.critical && JSON.stringify(before[f]) !== JSON.stringify(after[f]),
  )
}

describe('demoOperations', () => {
  const ops = take(20260, 3000)

  it('is deterministic for a seed and different for another', () => {
    expect(take(20260, 300)).toEqual(ops.slice(0, 300))
    expect(take(20261, 300)).not.toEqual(ops.slice(0, 300))
  })

  it('writes only data that validates against its record type', () => {
    const ids = new Map<string, string>()
    for (const [i, op] of ops.entries()) {
      if (op.op === 'create') ids.set(op.key, randomUUID())
      if (op.op === 'delete') continue
      const type = types.get(op.type)!
      const data = resolveDemoRefs(op.data, (key) => ids.get(key)!)
      const parsed = v.safeParse(type.schema, data)
      expect(
        parsed.success,
        `op ${i} ${op.key}: ${JSON.stringify(parsed.issues?.map((x) => [v.getDotPath(x), x.message]))}`,
      ).toBe(true)
      expect(
        Object.keys(data).filter((f) => !(f in type.fields)),
        `op ${i} undeclared fields`,
      ).toEqual([])
      expect(fidelityErrors(data, 'data'), `op ${i}`).toEqual([])
    }
  })

  it('keeps the record lifecycle, references and reasons the core and its guards demand', () => {
    const live = new Map<string, { type: RecordTypeDefinition; data: Record<string, unknown> }>()
    const deleted = new Set<string>()
    for (const [i, op] of ops.entries()) {
      const type = types.get(op.type)!
      const where = `op ${i} ${op.op} ${op.key}`
      if (op.op === 'create') {
        expect(live.has(op.key) || deleted.has(op.key), where).toBe(false)
        if (type.lifecycle)
          expect(op.data[type.lifecycle.field], where).toBe(type.lifecycle.initial)
      } else {
        const current = live.get(op.key)
        expect(current?.type.id, where).toBe(op.type)
        expect(
          op.reason === undefined ||
            op.reason.code === undefined ||
            type.reasons.some((r) => r.code === op.reason!.code),
          where,
        ).toBe(true)
        if (op.reason?.code === 'other') expect(op.reason.text, where).toBeTruthy()
      }
      if (op.op === 'delete') {
        expect(type.deletable, where).toBeDefined()
        expect(op.reason.code ?? op.reason.text, where).toBeTruthy()
        live.delete(op.key)
        deleted.add(op.key)
        continue
      }
      for (const [field, key] of referencesIn(op.data)) {
        expect(live.get(key)?.type.id, `${where}: ${field} → ${key}`).toBe(
          type.fields[field]?.references,
        )
      }
      if (op.op === 'update') {
        const before = live.get(op.key)!.data
        if (criticalChanges(type, before, op.data).length > 0)
          expect(op.reason, `${where} changes critical fields`).toBeDefined()
        const lifecycle = type.lifecycle
        if (lifecycle) {
          const [from, to] = [before[lifecycle.field], op.data[lifecycle.field]]
          if (from !== to)
            expect(
              lifecycle.transitions.some((t) => t.from === from && t.to === to),
              `${where} ${String(from)}→${String(to)}`,
            ).toBe(true)
          if (lifecycle.states.find((s) => s.id === from)?.locks) {
            const changed = Object.keys({ ...before, ...op.data }).filter(
              (f) => JSON.stringify(before[f]) !== JSON.stringify(op.data[f]),
            )
            expect(changed, `${where} edits a locked record`).toEqual([lifecycle.field])
          }
        }
      }
      live.set(op.key, { type, data: op.data })
    }
  })

  it('produces the mix a plant produces', () => {
    const many = take(20260, 20_000)
    const seen = (type: string, op: DemoOperation['op']) =>
      many.some((o) => o.type === `meddev.${type}` && o.op === op)
    for (const type of types.keys())
      expect(
        many.some((o) => o.type === type && o.op === 'create'),
        type,
      ).toBe(true)
    expect(seen('equipmentUsage', 'delete')).toBe(true)
    expect(many.some((o) => o.op === 'update' && o.reason?.text === '复测后更正')).toBe(true)
    const reached = (type: string, status: string) =>
      many.some((o) => o.type === `meddev.${type}` && o.op === 'update' && o.data.status === status)
    expect(reached('batch', 'aborted')).toBe(true)
    expect(reached('batchRelease', 'released')).toBe(true)
    expect(reached('batchRelease', 'rejected')).toBe(true)
    expect(reached('capa', 'closed')).toBe(true)
    expect(reached('changeControl', 'closed')).toBe(true)
    expect(many.some((o) => o.op === 'update' && o.reason === undefined)).toBe(true)
  })
})
