import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Plugin } from 'vite'

const here = dirname(fileURLToPath(import.meta.url))
const LEDGER = resolve(here, '../../../packages/core/src/ledger')
const CRYPTO = resolve(here, '../src/crypto')

/** The core's Node-only modules and their browser stand-ins (ARCHITECTURE §2.10). */
const SWAPS: Record<string, string> = {
  './hash.js': join(CRYPTO, 'hash.ts'),
  './ed25519.js': join(CRYPTO, 'ed25519.ts'),
}

/**
 * Lets the browser run the core's pure proof-verification code unchanged: inside
 * `packages/core/src/ledger`, SHA-256 and Ed25519 resolve to `@noble` implementations, and
 * `node:crypto` (imported by the key helpers only for key generation) to a small shim.
 */
export function coreForBrowser(): Plugin {
  return {
    name: 'veritrail:core-for-browser',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!importer || !resolve(importer).startsWith(LEDGER)) return null
      if (source === 'node:crypto') return join(CRYPTO, 'node-crypto.ts')
      return SWAPS[source] ?? null
    },
  }
}

/** The core's ledger folder, for `@core-ledger/*` imports. */
export const CORE_LEDGER = LEDGER
export const CORE_CANONICAL = resolve(here, '../../../packages/core/src/canonical')
