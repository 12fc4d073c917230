import { createHash } from 'node:crypto'

/**
 * SHA-256 of the concatenation of `parts`, fed to the hash one by one so nothing is copied.
 *
 * The only place the ledger's hashing touches `node:crypto`. A browser build (the admin UI
 * verifying proofs in a Web Worker) aliases this module to a synchronous pure-JS SHA-256 such
 * as `@noble/hashes`; WebCrypto's `digest` is asynchronous and cannot stand in.
 */
export function sha256(...parts: readonly Uint8Array[]): Uint8Array {
  const hash = createHash('sha256')
  for (const part of parts) hash.update(part)
  return hash.digest()
}
