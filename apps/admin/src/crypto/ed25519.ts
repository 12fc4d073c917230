import { ed25519 } from '@noble/curves/ed25519.js'

/**
 * Browser stand-in for `packages/core/src/ledger/ed25519.ts`. The browser only verifies;
 * checkpoints are signed by the server, so signing is refused here.
 */
export function ed25519Verify(
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
): boolean {
  if (publicKey.length !== 32 || signature.length !== 64) return false
  try {
    // zip215: false is RFC 8032 §5.1.7 strict (canonical encodings, S < L), as the core checks.
    return ed25519.verify(signature, message, publicKey, { zip215: false })
  } catch {
    return false
  }
}

export function ed25519Sign(): never {
  throw new Error('Signing is done by the server, never in the browser.')
}

export function ed25519FromSeed(): never {
  throw new Error('Keys are made by the server, never in the browser.')
}
