import { describe, expect, it } from 'vitest'
import { mulberry32, Random } from './prng.js'

describe('mulberry32', () => {
  it('is reproducible from its seed and stays in [0, 1)', () => {
    const a = mulberry32(42)
    const b = mulberry32(42)
    const values = Array.from({ length: 1000 }, () => a())
    expect(values).toEqual(Array.from({ length: 1000 }, () => b()))
    expect(values.every((x) => x >= 0 && x < 1)).toBe(true)
    expect(mulberry32(43)()).not.toBe(values[0])
  })

  it('gives the published first output for seed 1', () => {
    expect(mulberry32(1)()).toBeCloseTo(0.6270739405881613, 15)
  })
})

describe('Random', () => {
  it('draws integers, decimals and hex within bounds', () => {
    const r = new Random(7)
    for (let i = 0; i < 500; i++) {
      const n = r.int(3, 5)
      expect(n >= 3 && n <= 5 && Number.isInteger(n)).toBe(true)
      expect(r.decimal(1, 2, 2)).toMatch(/^[12]\.\d{2}$/)
    }
    expect(r.hex(32)).toMatch(/^[0-9a-f]{64}$/)
    expect(
      r.weighted([
        ['never', 0],
        ['always', 1],
      ] as const),
    ).toBe('always')
  })
})
