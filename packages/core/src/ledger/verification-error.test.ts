import { describe, expect, it } from 'vitest'
import { isVeritrailError, VeritrailError } from '../errors.js'
import { isVerificationError, VerificationError } from './verification-error.js'

describe('VerificationError', () => {
  it('is a VeritrailError with code verification_failed and a reason', () => {
    const error = new VerificationError('SIGNATURE_INVALID', 'The signature does not verify.')
    expect(error).toMatchObject({
      name: 'VerificationError',
      code: 'verification_failed',
      reason: 'SIGNATURE_INVALID',
      details: { reason: 'SIGNATURE_INVALID' },
      message: 'The signature does not verify.',
    })
    expect(isVeritrailError(error)).toBe(true)
    expect(isVerificationError(error)).toBe(true)
  })

  it('tells other errors apart', () => {
    expect(isVerificationError(new VeritrailError('verification_failed', 'x'))).toBe(false)
    expect(isVerificationError(new Error('x'))).toBe(false)
    expect(isVerificationError(null)).toBe(false)
  })
})
