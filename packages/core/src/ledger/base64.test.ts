import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeBase64, encodeBase64 } from './base64.js'

describe('base64', () => {
  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        expect(decodeBase64(encodeBase64(bytes))).toEqual(bytes)
      }),
    )
  })

  it('encodes a view, not its whole buffer', () => {
    expect(encodeBase64(Uint8Array.of(0, 1, 2, 3).subarray(1, 3))).toBe('AQI=')
  })

  it.each([
    ['AQI', 'missing padding'],
    ['AQJ=', 'non-zero pad bits'],
    ['AQ==AQ==', 'padding inside'],
    ['AQ-_', 'URL alphabet'],
    [' AQI=', 'white space'],
    ['AQI=\n', 'newline'],
    ['A===', 'too much padding'],
  ])('refuses %j (%s)', (text) => {
    expect(decodeBase64(text)).toBeUndefined()
  })

  it('accepts the empty string', () => {
    expect(decodeBase64('')).toEqual(new Uint8Array(0))
  })
})
