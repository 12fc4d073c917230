// JavaScript's bitwise operators truncate to 32 bits, but tree sizes run to 2^53 − 1, so these
// helpers work on safe integers with arithmetic on two 32-bit halves.

const TWO_32 = 2 ** 32

/** Bits needed to write `n` in binary (0 for 0), for a safe integer `n` ≥ 0. */
export function bitLength(n: number): number {
  return n < TWO_32 ? 32 - Math.clz32(n) : 32 + bitLength(Math.floor(n / TWO_32))
}

/** Count of zero bits below the lowest set bit of a safe integer `n` > 0. */
export function trailingZeros(n: number): number {
  const low = n % TWO_32
  return low !== 0 ? 31 - Math.clz32(low & -low) : 32 + trailingZeros(n / TWO_32)
}

/** The largest power of two strictly below `n` ≥ 2: RFC 6962's split point `k`. */
export function largestPowerOfTwoBelow(n: number): number {
  return 2 ** (bitLength(n - 1) - 1)
}

/** True when `n` > 0 is a power of two. */
export function isPowerOfTwo(n: number): boolean {
  return n > 0 && 2 ** trailingZeros(n) === n
}
