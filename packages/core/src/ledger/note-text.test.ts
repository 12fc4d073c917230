import { describe, expect, it } from 'vitest'
import { isNoteSafe, isValidKeyName } from './note-text.js'

describe('note character rules', () => {
  it('accepts URL-like and Unicode key names', () => {
    for (const name of ['example.com/log', 'PeterNeumann', 'veritrail/ä/日本', 'a']) {
      expect(isValidKeyName(name)).toBe(true)
    }
  })

  it('refuses empty names, "+" and every Unicode space Go rejects', () => {
    const spaces = [
      '\t',
      '\n',
      '\v',
      '\f',
      '\r',
      ' ',
      '\u0085',
      '\u00a0',
      '\u1680',
      '\u2000',
      '\u200a',
      '\u2028',
      '\u2029',
      '\u202f',
      '\u205f',
      '\u3000',
    ]
    for (const bad of ['', 'a+b', '\ud800', ...spaces.map((s) => `a${s}b`)]) {
      expect(isValidKeyName(bad)).toBe(false)
    }
  })

  it('lets note text carry newlines but no other control characters', () => {
    expect(isNoteSafe('line one\n\nline — two\n')).toBe(true)
    for (const bad of ['\u0000', '\t', '\r\n', '\u001f', 'lone \udc00']) {
      expect(isNoteSafe(`a${bad}b\n`)).toBe(false)
    }
  })
})
