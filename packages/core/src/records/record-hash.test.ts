import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { canonicalJson, type JsonValue } from '../canonical/canonical-json.js'
import { recordHash, recordHashOfCanonical } from './record-hash.js'

describe('record hash', () => {
  const cases: { type: string; id: string; version: number; data: JsonValue }[] = [
    { type: 'meddev.batch', id: '0193a1b2-0000-7000-8000-000000000001', version: 1, data: { batch: 'B-1', minutes: '15.0', 备注: '复测 "quoted"', rows: [{ a: 1 }, null] } },
    { type: 'lims.result', id: 'r-"odd"\\id', version: 12, data: { z: true, a: '\u2028' } },
    { type: 'meddev.batch', id: 'x', version: 3, data: null },
  ]

  it('is SHA-256 of the RFC 8785 form of {type, id, version, data}', () => {
    const { type, id, version, data } = cases[0]!
    const expected = createHash('sha256').update(`{"data":${canonicalJson(data)},"id":"${id}","type":"${type}","version":${version}}`).digest('hex')
    expect(recordHash(type, id, version, data)).toBe(expected)
  })

  it('gives the same hash from data already in canonical form', () => {
    for (const { type, id, version, data } of cases) {
      expect(recordHashOfCanonical(type, id, version, data === null ? null : canonicalJson(data))).toBe(recordHash(type, id, version, data))
    }
  })
})
