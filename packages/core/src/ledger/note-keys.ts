import { randomBytes } from 'node:crypto'
import { VeritrailError } from '../errors.js'
import { decodeBase64, encodeBase64 } from './base64.js'
import { ed25519FromSeed } from './ed25519.js'
import { sha256 } from './hash.js'
import type { SignerKey, VerifierKey } from './note.js'
import { isValidKeyId, isValidKeyName } from './note-text.js'
import { VerificationError } from './verification-error.js'

// Key strings as C2SP signed-note ("Verifier keys") and golang.org/x/mod/sumdb/note write them:
//   verifier  <name>+<hex key id>+base64(0x01 ‖ 32-byte public key)
//   signer    PRIVATE+KEY+<name>+<hex key id>+base64(0x01 ‖ 32-byte seed)
// The base64 part may itself contain '+', so only the leading separators split.

const ED25519 = 0x01
const SIGNER_PREFIX = 'PRIVATE+KEY+'

/** The C2SP key id of an Ed25519 key: SHA-256(name ‖ 0x0A ‖ 0x01 ‖ publicKey)[:4], in hex. */
export function noteKeyId(name: string, publicKey: Uint8Array): string {
  const digest = sha256(new TextEncoder().encode(`${name}\n`), Uint8Array.of(ED25519), publicKey)
  return Buffer.from(digest.subarray(0, 4)).toString('hex')
}

/** The verifier key string of a key, to publish wherever checkpoints are checked. */
export function formatVerifierKey(key: VerifierKey): string {
  return `${key.name}+${key.keyIdHex}+${encodeBase64(Uint8Array.of(ED25519, ...key.publicKey))}`
}

/**
 * A new random Ed25519 note key named `name` (e.g. `<install-id>`), as the signer key string
 * (keep secret) and the verifier key string (publish).
 *
 * @throws VeritrailError `validation_failed` for an invalid key name.
 */
export function generateSignerKey(name: string): { signerKey: string; verifierKey: string } {
  if (!isValidKeyName(name)) {
    throw new VeritrailError(
      'validation_failed',
      `A key name must be non-empty, without spaces or '+'; got ${JSON.stringify(name)}.`,
    )
  }
  const seed = randomBytes(32)
  const { publicKey } = ed25519FromSeed(seed)
  const keyIdHex = noteKeyId(name, publicKey)
  return {
    signerKey: `${SIGNER_PREFIX}${name}+${keyIdHex}+${encodeBase64(Uint8Array.of(ED25519, ...seed))}`,
    verifierKey: formatVerifierKey({ name, keyIdHex, publicKey }),
  }
}

/**
 * Parses a verifier key string, checking its name, that it is Ed25519 and that its key id
 * matches the key.
 *
 * @throws VerificationError `MALFORMED_KEY`.
 */
export function parseVerifierKey(text: string): VerifierKey {
  const { name, keyIdHex, material } = splitKey(text, 'verifier key')
  if (noteKeyId(name, material) !== keyIdHex) {
    throw new VerificationError(
      'MALFORMED_KEY',
      `The key id in verifier key ${name}+${keyIdHex} does not match its key.`,
    )
  }
  return { name, keyIdHex, publicKey: material }
}

/**
 * Parses a signer key string, checking that its key id matches the public key derived from it.
 * Error messages never repeat the string.
 *
 * @throws VerificationError `MALFORMED_KEY`.
 */
export function parseSignerKey(text: string): SignerKey {
  if (!text.startsWith(SIGNER_PREFIX)) {
    throw new VerificationError('MALFORMED_KEY', `A signer key starts with ${SIGNER_PREFIX}.`)
  }
  const { name, keyIdHex, material } = splitKey(text.slice(SIGNER_PREFIX.length), 'signer key')
  const { privateKey, publicKey } = ed25519FromSeed(material)
  if (noteKeyId(name, publicKey) !== keyIdHex) {
    throw new VerificationError(
      'MALFORMED_KEY',
      `The key id in the signer key for ${name} does not match its key.`,
    )
  }
  return { name, keyIdHex, publicKey, privateKey }
}

/** `<name>+<8 hex>+base64(0x01 ‖ 32 bytes)` into its parts. */
function splitKey(
  text: string,
  what: string,
): { name: string; keyIdHex: string; material: Uint8Array } {
  const first = text.indexOf('+')
  const second = text.indexOf('+', first + 1)
  const name = text.slice(0, first)
  const keyIdHex = text.slice(first + 1, second)
  const raw = first < 0 || second < 0 ? undefined : decodeBase64(text.slice(second + 1))
  if (!isValidKeyName(name) || !isValidKeyId(keyIdHex) || raw === undefined) {
    throw new VerificationError('MALFORMED_KEY', `A ${what} reads <name>+<8 hex digits>+<base64>.`)
  }
  if (raw[0] !== ED25519 || raw.length !== 33) {
    throw new VerificationError(
      'MALFORMED_KEY',
      `The ${what} for ${name} is not an Ed25519 key (type 0x01 and 32 bytes).`,
    )
  }
  return { name, keyIdHex, material: raw.subarray(1) }
}
