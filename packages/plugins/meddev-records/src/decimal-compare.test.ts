import { describe, expect, it } from 'vitest'
import { compareDecimal } from './decimal-compare.js'

describe('compareDecimal', () => {
  it.each([
    ['5.10', '5.1', 0],
    ['-0', '0', 0],
    ['-0.0', '0.00', 0],
    ['121.0', '121', 0],
    ['9.99', '10', -1],
    ['10', '9.999', 1],
    ['0.05', '0.5', -1],
    ['-1.5', '-1.25', -1],
    ['-2', '1', -1],
    ['138.01', '138.0', 1],
    ['12345678901234567890.5', '12345678901234567890.4', 1],
  ])('%s vs %s → %i', (a, b, sign) => {
    expect(Math.sign(compareDecimal(a, b))).toBe(sign)
    expect(Math.sign(compareDecimal(b, a))).toBe(-sign || 0)
  })
})
