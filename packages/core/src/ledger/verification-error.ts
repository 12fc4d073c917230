import { isVeritrailError, VeritrailError } from '../errors.js'

/**
 * Why a proof, signature, key or signed document did not verify. Programs branch on these;
 * people read the error's sentence.
 */
export type VerificationReason =
  | 'TREE_SIZE_INVALID'
  | 'LEAF_INDEX_OUT_OF_RANGE'
  | 'HASH_LENGTH_INVALID'
  | 'PROOF_LENGTH_INVALID'
  | 'INCLUSION_PROOF_INVALID'
  | 'CONSISTENCY_PROOF_INVALID'
  | 'MALFORMED_KEY'
  | 'AMBIGUOUS_KEY'
  | 'MALFORMED_NOTE'
  | 'SIGNATURE_INVALID'
  | 'NO_TRUSTED_SIGNATURE'
  | 'MALFORMED_CHECKPOINT'
  | 'CHECKPOINT_ORIGIN_MISMATCH'

/**
 * A failed verification: always code `verification_failed`, with the `reason` also copied into
 * `details` so the HTTP adapter can put it in the problem document without knowing this class.
 *
 * @example
 * throw new VerificationError('SIGNATURE_INVALID', 'The signature by example.com/log does not verify.')
 */
export class VerificationError extends VeritrailError {
  readonly reason: VerificationReason

  constructor(reason: VerificationReason, message: string, options: { cause?: unknown } = {}) {
    super('verification_failed', message, { details: { reason }, cause: options.cause })
    this.name = 'VerificationError'
    this.reason = reason
  }
}

/** True for a `VerificationError` from any copy of the core (no `instanceof` across packages). */
export function isVerificationError(value: unknown): value is VerificationError {
  return (
    isVeritrailError(value) &&
    value.code === 'verification_failed' &&
    typeof (value as { reason?: unknown }).reason === 'string'
  )
}
