import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { bitLength, isPowerOfTwo, largestPowerOfTwoBelow, trailingZeros } from './bits.js'

const safe = fc.oneof(
  fc.integer({ min: 0, max: 2 ** 16 }),
  fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
  fc.integer({ min: 0, max: 52 }).map((e) => 2 ** e),
  fc.integer({ min: 1, max: 53 }).map((e) => 2 ** e - 1),
)
const big = (n: number) => BigInt(n)

describe('bit helpers beyond 32 bits', () => {
  it('bitLength matches BigInt', () => {
    fc.assert(
      fc.property(safe, (n) => {
        expect(bitLength(n)).toBe(big(n).toString(2).replace(/^0$/, '').length)
      }),
    )
    expect(bitLength(Number.MAX_SAFE_INTEGER)).toBe(53)
    expect(bitLength(2 ** 32)).toBe(33)
  })

  it('trailingZeros matches BigInt', () => {
    fc.assert(
      fc.property(
        safe.filter((n) => n > 0),
        (n) => {
          const bits = big(n).toString(2)
          expect(trailingZeros(n)).toBe(bits.length - 1 - bits.lastIndexOf('1'))
        },
      ),
    )
    expect(trailingZeros(2 ** 52)).toBe(52)
    expect(trailingZeros(2 ** 31)).toBe(31)
  })

  it('largestPowerOfTwoBelow is the RFC 6962 split point', () => {
    fc.assert(
      fc.property(
        safe.filter((n) => n >= 2),
        (n) => {
          const k = largestPowerOfTwoBelow(n)
          expect(isPowerOfTwo(k)).toBe(true)
          expect(k < n && n <= 2 * k).toBe(true)
        },
      ),
    )
    expect([2, 3, 4, 5, 8, 9].map(largestPowerOfTwoBelow)).toEqual([1, 2, 2, 4, 4, 8])
  })

  it('isPowerOfTwo', () => {
    expect([0, 1, 2, 3, 6, 2 ** 40, 2 ** 40 + 1].map(isPowerOfTwo)).toEqual([
      false,
      true,
      true,
      false,
      false,
      true,
      false,
    ])
  })
})
