import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { canonicalJson, fidelityErrors } from './canonical-json.js'

describe('canonicalJson (RFC 8785)', () => {
  it('sorts keys by UTF-16 code units and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], c: { z: 0, y: -0 } })).toBe(
      '{"a":[true,null,"x"],"b":1,"c":{"y":0,"z":0}}',
    )
    // RFC 8785 §3.2.3 sorting example: code-unit order, not code-point order
    const keys = { '\u20ac': 'Euro Sign', '\r': 'Carriage Return', '\ufb33': 'Hebrew', '1': 'One', '\ud83d\ude00': 'Emoji', '\u0080': 'Control', '\u00f6': 'Latin' }
    expect(canonicalJson(keys)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin","\u20ac":"Euro Sign","\ud83d\ude00":"Emoji","\ufb33":"Hebrew"}',
    )
  })

  it('serialises numbers as ECMAScript does (RFC 8785 §3.2.2.3 samples)', () => {
    const samples: [number, string][] = [
      [0, '0'], [-0, '0'], [1e21, '1e+21'], [1e-7, '1e-7'], [0.000001, '0.000001'],
      [333333333.3333333, '333333333.3333333'], [1e23, '1e+23'], [5e-324, '5e-324'],
      [-1.7976931348623157e308, '-1.7976931348623157e+308'], [9007199254740991, '9007199254740991'],
      [295147905179352830000, '295147905179352830000'],
    ]
    for (const [n, text] of samples) {
      if (Number.isInteger(n) && !Number.isSafeInteger(n)) continue
      expect(canonicalJson(n)).toBe(text)
    }
  })

  it('keeps strings exactly, escaping only what JSON requires', () => {
    const s = 'e\u0301 vs \u00e9, 灭菌时间 5.10 min, tab\t "q" \\ \u001f'
    expect(JSON.parse(canonicalJson({ s })).s).toBe(s)
    expect(canonicalJson('\u2028')).toBe('"\u2028"')
  })

  it('refuses lone surrogates, non-finite numbers and unsafe integers with paths', () => {
    expect(() => canonicalJson({ a: 'x\ud800' })).toThrow(/“a”: contains an unpaired/)
    expect(fidelityErrors({ a: [1, NaN], b: Infinity, c: 2 ** 53, d: -(2 ** 53), e: 2 ** 53 - 1 })).toEqual([
      { path: 'a[1]', message: expect.stringMatching(/not a finite number/) },
      { path: 'b', message: expect.stringMatching(/not a finite number/) },
      { path: 'c', message: expect.stringMatching(/beyond ±9007199254740991/) },
      { path: 'd', message: expect.stringMatching(/beyond ±9007199254740991/) },
    ])
    expect(fidelityErrors({ ['k\udc00']: 1 })[0]!.message).toMatch(/name with an unpaired/)
    expect(fidelityErrors(new Date())[0]!.message).toMatch(/not plain JSON/)
    expect(fidelityErrors(10n)[0]!.message).toMatch(/bigint/)
  })

  it('keeps decimal strings as given: 5.10 is not 5.1', () => {
    expect(canonicalJson({ v: '5.10' })).not.toBe(canonicalJson({ v: '5.1' }))
  })

  it('round-trips any JSON value without loss (property)', () => {
    const json = fc.jsonValue().filter((v) => fidelityErrors(v).length === 0)
    fc.assert(
      fc.property(json, (v) => {
        const text = canonicalJson(v)
        expect(canonicalJson(JSON.parse(text))).toBe(text)
      }),
    )
  })
})
