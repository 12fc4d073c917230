import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto'
import { VeritrailError } from '../errors.js'

// Raw RFC 8032 keys go through node:crypto as DER: SPKI and PKCS#8 wrappers for Ed25519.
const SPKI_PREFIX = Uint8Array.from([
  0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00,
])
const PKCS8_PREFIX = Uint8Array.from([
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
])
// The group order L = 2^252 + 27742317777372353535851937790883648493, little-endian.
const ORDER = Uint8Array.from([
  0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
])

/** An Ed25519 key pair: the private key stays an opaque `KeyObject` so it never prints. */
export interface Ed25519KeyPair {
  readonly privateKey: KeyObject
  /** The 32-byte RFC 8032 public key encoding. */
  readonly publicKey: Uint8Array
}

/** The key pair of a 32-byte RFC 8032 private key (seed). */
export function ed25519FromSeed(seed: Uint8Array): Ed25519KeyPair {
  if (seed.length !== 32) {
    throw new VeritrailError(
      'validation_failed',
      `An Ed25519 seed has 32 bytes; got ${seed.length}.`,
    )
  }
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  })
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' })
  return { privateKey, publicKey: new Uint8Array(spki.subarray(SPKI_PREFIX.length)) }
}

/** The 64-byte Ed25519 signature of `message` (RFC 8032 §5.1.6, deterministic). */
export function ed25519Sign(privateKey: KeyObject, message: Uint8Array): Uint8Array {
  return new Uint8Array(sign(null, message, privateKey))
}

/**
 * True when `signature` is a valid Ed25519 signature of `message` by `publicKey`, following
 * RFC 8032 §5.1.7 strictly: wrong lengths and a scalar S ≥ L (a malleable re-encoding) fail
 * here before OpenSSL sees them; OpenSSL checks the points, their encodings and the equation.
 * Never throws.
 */
export function ed25519Verify(
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
): boolean {
  if (
    publicKey.length !== 32 ||
    signature.length !== 64 ||
    !scalarIsReduced(signature.subarray(32))
  ) {
    return false
  }
  try {
    const key = createPublicKey({
      key: Buffer.concat([SPKI_PREFIX, publicKey]),
      format: 'der',
      type: 'spki',
    })
    return verify(null, message, key, signature)
  } catch {
    return false
  }
}

/** S < L, comparing the little-endian encodings from the most significant byte down. */
function scalarIsReduced(s: Uint8Array): boolean {
  for (let i = 31; i >= 0; i--) {
    const a = s[i] as number
    const b = ORDER[i] as number
    if (a !== b) return a < b
  }
  return false
}
