import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js'

/**
 * Browser stand-in for `packages/core/src/ledger/hash.ts`: SHA-256 of the concatenation of
 * `parts`, synchronous (WebCrypto's digest is asynchronous and cannot stand in).
 */
export function sha256(...parts: readonly Uint8Array[]): Uint8Array {
  const hash = nobleSha256.create()
  for (const part of parts) hash.update(part)
  return hash.digest()
}
