import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { VeritrailError } from '../errors.js'
import type { SignerKey, VerifierKey } from './note.js'
import { formatVerifierKey, generateSignerKey, parseSignerKey, parseVerifierKey } from './note-keys.js'

/** File names below `VERITRAIL_DATA/keys/`. */
export const CHECKPOINT_KEY_FILE = 'checkpoint.key'
export const CHECKPOINT_PUB_FILE = 'checkpoint.pub'

export interface CheckpointKey {
  signer: SignerKey
  /** The verifier key string to publish: `name+keyid+base64(0x01 ‖ pub)`. */
  verifierKey: string
  created: boolean
}

/**
 * The checkpoint signing key of installation `name`, created at first start (ARCHITECTURE §2.4):
 * `keys/checkpoint.key` (mode 0600, the secret) and `keys/checkpoint.pub` (the verifier key).
 * Refuses a key that belongs to another installation rather than silently signing with it.
 */
export function loadOrCreateCheckpointKey(keysDir: string, name: string): CheckpointKey {
  mkdirSync(keysDir, { recursive: true, mode: 0o700 })
  const keyPath = join(keysDir, CHECKPOINT_KEY_FILE)
  const pubPath = join(keysDir, CHECKPOINT_PUB_FILE)
  let created = false
  if (!existsSync(keyPath)) {
    const generated = generateSignerKey(name)
    writeFileSync(keyPath, generated.signerKey + '\n', { mode: 0o600, flag: 'wx' })
    writeFileSync(pubPath, generated.verifierKey + '\n', { mode: 0o644 })
    created = true
  }
  chmodSync(keyPath, 0o600)
  const signer = parseSignerKey(readFileSync(keyPath, 'utf8').trim())
  if (signer.name !== name) {
    throw new VeritrailError(
      'conflict',
      `The checkpoint key in ${keyPath} belongs to installation “${signer.name}”, but this database is installation “${name}”. Point VERITRAIL_DATA at the matching directory.`,
    )
  }
  const verifierKey = formatVerifierKey(signer)
  if (!existsSync(pubPath)) writeFileSync(pubPath, verifierKey + '\n', { mode: 0o644 })
  return { signer, verifierKey, created }
}

/**
 * Every verifier key kept in `keys/` (`*.pub`, one key per line): the current key and any
 * earlier, rotated ones. `verify` checks stored checkpoints against these.
 */
export function readVerifierKeys(keysDir: string): VerifierKey[] {
  if (!existsSync(keysDir)) return []
  return readdirSync(keysDir)
    .filter((f) => f.endsWith('.pub'))
    .flatMap((f) => readFileSync(join(keysDir, f), 'utf8').split('\n'))
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => parseVerifierKey(line))
}
