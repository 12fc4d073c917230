import { describe, expect, it } from 'vitest'
import { gs1CheckDigit, isGtin14 } from './gtin.js'

describe('GS1 check digits', () => {
  it('computes the check digit of known GTINs', () => {
    expect(gs1CheckDigit('400638133393')).toBe(1)
    expect(gs1CheckDigit('0400638133393')).toBe(1)
    expect(gs1CheckDigit('1001234567890')).toBe(2)
  })

  it('accepts a GTIN-14 only with 14 digits and the right check digit', () => {
    expect(isGtin14('04006381333931')).toBe(true)
    expect(isGtin14('04006381333932')).toBe(false)
    expect(isGtin14('4006381333931')).toBe(false)
    expect(isGtin14('0400638133393A')).toBe(false)
  })
})
