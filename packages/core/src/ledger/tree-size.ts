import { VeritrailError } from '../errors.js'

/**
 * Throws unless `value` is a whole number from 0 to 2^53 − 1, the leaf counts and indexes this
 * implementation handles exactly.
 */
export function requireLeafCount(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new VeritrailError(
      'validation_failed',
      `${what} must be a whole number from 0 to 2^53 − 1; got ${value}.`,
    )
  }
}
