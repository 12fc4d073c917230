import { describe, expect, it } from 'vitest'
import { demoRef, demoRefKey, resolveDemoRefs } from './refs.js'

describe('demo references', () => {
  it('replaces placeholders at any depth and leaves everything else alone', () => {
    const ids: Record<string, string> = {
      'batch-1': 'id-b1',
      'purchase-2': 'id-p2',
      'purchase-3': 'id-p3',
    }
    const data = {
      batch: demoRef('batch-1'),
      materialLots: [demoRef('purchase-2'), demoRef('purchase-3')],
      nested: { rows: [{ lot: demoRef('purchase-2'), qty: '1.50' }] },
      note: 'reference: none',
      count: 3,
      ok: true,
    }
    const resolved = resolveDemoRefs(data, (key) => ids[key]!)
    expect(resolved).toEqual({
      batch: 'id-b1',
      materialLots: ['id-p2', 'id-p3'],
      nested: { rows: [{ lot: 'id-p2', qty: '1.50' }] },
      note: 'reference: none',
      count: 3,
      ok: true,
    })
    expect(data.batch).toBe('ref:batch-1')
  })

  it('lets an unknown key fail loudly through idOf', () => {
    expect(() =>
      resolveDemoRefs({ batch: demoRef('batch-9') }, (key) => {
        throw new Error(`no id for ${key}`)
      }),
    ).toThrow('no id for batch-9')
  })

  it('reads the key back out of a placeholder', () => {
    expect(demoRefKey(demoRef('capa-4'))).toBe('capa-4')
    expect(demoRefKey('capa-4')).toBeUndefined()
    expect(demoRefKey(4)).toBeUndefined()
  })
})
