import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  formatVerifierKey,
  generateSignerKey,
  noteKeyId,
  parseSignerKey,
  parseVerifierKey,
} from './note-keys.js'

const go = (
  JSON.parse(
    readFileSync(
      new URL(
        '../../../../../shared/vectors/signed_note_checkpoint_ed25519_vectors.json',
        import.meta.url,
      ),
      'utf8',
    ),
  ) as { golang_mod_sumdb_note: { signerKey: string; verifierKeys: string[] } }
).golang_mod_sumdb_note
const [peter = '', enoch = ''] = go.verifierKeys

/** Every proper substring and every one-character increment of `key`, as Go's tests try. */
function manglings(key: string): string[] {
  const out = new Set<string>()
  for (let i = 0; i <= key.length; i++) {
    for (let j = i + 1; j <= key.length; j++)
      if (i !== 0 || j !== key.length) out.add(key.slice(i, j))
  }
  for (let i = 0; i < key.length; i++) {
    out.add(key.slice(0, i) + String.fromCharCode(key.charCodeAt(i) + 1) + key.slice(i + 1))
  }
  return [...out]
}

describe('verifier keys', () => {
  it('parses the Go sumdb/note keys and recomputes their ids', () => {
    const key = parseVerifierKey(peter)
    expect(key).toMatchObject({ name: 'PeterNeumann', keyIdHex: 'c74f20a3' })
    expect(key.publicKey).toHaveLength(32)
    expect(noteKeyId(key.name, key.publicKey)).toBe('c74f20a3')
    expect(formatVerifierKey(key)).toBe(peter)
    expect(parseVerifierKey(enoch)).toMatchObject({ name: 'EnochRoot', keyIdHex: 'af0cfe78' })
  })

  it('splits on the first two "+" only: the base64 part may hold "+"', () => {
    const key = parseVerifierKey(
      'example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k',
    )
    expect(key.name).toBe('example.com/foo')
    expect(formatVerifierKey(parseVerifierKey(enoch))).toBe(enoch)
  })

  it('refuses every mangling of a valid key, as Go does', () => {
    for (const bad of manglings(peter)) {
      expect(() => parseVerifierKey(bad), bad).toThrow(
        expect.objectContaining({ reason: 'MALFORMED_KEY' }),
      )
    }
  })

  it('refuses a wrong key length or unknown algorithm even with an adjusted key id', () => {
    for (const bad of [
      'PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==',
      'PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW',
      'PeterNeumann+C74F20A3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW',
    ]) {
      expect(() => parseVerifierKey(bad)).toThrow(
        expect.objectContaining({ code: 'verification_failed' }),
      )
    }
  })
})

describe('signer keys', () => {
  it('parses the Go sumdb/note signer key to the same id and public key as its verifier key', () => {
    const signer = parseSignerKey(go.signerKey)
    const verifier = parseVerifierKey(peter)
    expect(signer).toMatchObject({ name: verifier.name, keyIdHex: verifier.keyIdHex })
    expect(signer.publicKey).toEqual(verifier.publicKey)
  })

  it('refuses every mangling of a valid key, as Go does, without echoing it', () => {
    for (const bad of manglings(go.signerKey)) {
      let message = ''
      expect(() => {
        try {
          parseSignerKey(bad)
        } catch (error) {
          message = (error as Error).message
          throw error
        }
      }, bad).toThrow(expect.objectContaining({ reason: 'MALFORMED_KEY' }))
      expect(message).not.toContain('AYEKFALV')
    }
  })

  it('keeps the private key out of JSON and inspection', () => {
    const signer = parseSignerKey(go.signerKey)
    expect(JSON.stringify(signer)).not.toContain('AYEKFALV')
  })
})

describe('generateSignerKey', () => {
  it('makes a matching pair that parses back', () => {
    const { signerKey, verifierKey } = generateSignerKey('veritrail.example/install-1')
    const signer = parseSignerKey(signerKey)
    const verifier = parseVerifierKey(verifierKey)
    expect(signer.keyIdHex).toBe(verifier.keyIdHex)
    expect(signer.publicKey).toEqual(verifier.publicKey)
    expect(signerKey).toMatch(/^PRIVATE\+KEY\+veritrail\.example\/install-1\+[0-9a-f]{8}\+A/)
    expect(generateSignerKey('a').signerKey).not.toBe(generateSignerKey('a').signerKey)
  })

  it('refuses invalid key names', () => {
    for (const name of ['', 'a b', 'a+b', 'a\u00a0b']) {
      expect(() => generateSignerKey(name)).toThrow(
        expect.objectContaining({ code: 'validation_failed' }),
      )
    }
  })
})
