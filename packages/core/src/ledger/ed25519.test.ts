import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ed25519FromSeed, ed25519Sign, ed25519Verify } from './ed25519.js'

const vectors = new URL('../../../../../shared/vectors/', import.meta.url)
const wycheproof = JSON.parse(
  readFileSync(new URL('wycheproof/ed25519_test.json', vectors), 'utf8'),
) as {
  numberOfTests: number
  testGroups: {
    publicKey: { pk: string }
    tests: {
      tcId: number
      comment: string
      msg: string
      sig: string
      result: 'valid' | 'invalid'
    }[]
  }[]
}
const rfc8032 = (
  JSON.parse(
    readFileSync(new URL('signed_note_checkpoint_ed25519_vectors.json', vectors), 'utf8'),
  ) as {
    rfc8032_section7_1: {
      vectors: {
        test: string
        secretKeyHex: string
        publicKeyHex: string
        messageHex: string
        signatureHex: string
      }[]
    }
  }
).rfc8032_section7_1.vectors
const bytes = (hex: string) => Uint8Array.from(Buffer.from(hex, 'hex'))
const cases = wycheproof.testGroups.flatMap((group) =>
  group.tests.map((test) => ({
    ...test,
    pk: group.publicKey.pk,
    name: `${test.tcId} ${test.result} ${test.comment}`,
  })),
)

describe('Ed25519', () => {
  it('runs all Wycheproof cases', () => {
    expect(cases).toHaveLength(wycheproof.numberOfTests)
    expect(cases).toHaveLength(151)
  })

  it.each(cases)('Wycheproof $name', (test) => {
    expect(ed25519Verify(bytes(test.pk), bytes(test.msg), bytes(test.sig))).toBe(
      test.result === 'valid',
    )
  })

  it.each(rfc8032)('$test: derives the key and signs byte for byte', (vector) => {
    const { privateKey, publicKey } = ed25519FromSeed(bytes(vector.secretKeyHex))
    expect(Buffer.from(publicKey).toString('hex')).toBe(vector.publicKeyHex)
    const signature = ed25519Sign(privateKey, bytes(vector.messageHex))
    expect(Buffer.from(signature).toString('hex')).toBe(vector.signatureHex)
    expect(ed25519Verify(publicKey, bytes(vector.messageHex), signature)).toBe(true)
  })

  it('refuses a signature whose S is re-encoded as S + L (RFC 8032 §5.1.7)', () => {
    const vector = rfc8032[0]!
    const signature = bytes(vector.signatureHex)
    // Add L to S (little-endian): the same scalar mod L, a malleable second encoding.
    const order = bytes('edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010')
    let carry = 0
    for (let i = 0; i < 32; i++) {
      const sum = (signature[32 + i] as number) + (order[i] as number) + carry
      signature[32 + i] = sum & 0xff
      carry = sum >> 8
    }
    expect(carry).toBe(0)
    expect(ed25519Verify(bytes(vector.publicKeyHex), bytes(vector.messageHex), signature)).toBe(
      false,
    )
  })

  it('returns false for malformed keys and signatures instead of throwing', () => {
    const vector = rfc8032[1]!
    const [pk, msg, sig] = [
      bytes(vector.publicKeyHex),
      bytes(vector.messageHex),
      bytes(vector.signatureHex),
    ]
    expect(ed25519Verify(pk.subarray(1), msg, sig)).toBe(false)
    expect(ed25519Verify(pk, msg, sig.subarray(1))).toBe(false)
    expect(ed25519Verify(new Uint8Array(32).fill(0xff), msg, sig)).toBe(false)
  })

  it('refuses a seed of the wrong length', () => {
    expect(() => ed25519FromSeed(new Uint8Array(31))).toThrow(/32 bytes/)
  })
})
