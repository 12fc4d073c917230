import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { VeritrailError } from '../errors.js'
import { parseCheckpoint } from '../ledger/checkpoint.js'
import { CHECKPOINT_KEY_FILE } from '../ledger/keys.js'
import { signNote, type SignerKey } from '../ledger/note.js'
import { parseSignerKey } from '../ledger/note-keys.js'

/**
 * The first line of every evidence manifest the core signs. Its second line is never a decimal
 * tree size, so a signed manifest can never be read as a checkpoint (domain separation: one key
 * signs both).
 */
export const MANIFEST_HEADER = 'veritrail evidence manifest v1'

/**
 * Signs an evidence manifest with the checkpoint key, refusing any text that is not one.
 *
 * @throws VeritrailError `validation_failed` for a text without the manifest header, one that
 *   parses as a checkpoint, or one a signed note cannot carry.
 */
export function signManifest(text: string, signer: SignerKey): string {
  if (!text.startsWith(`${MANIFEST_HEADER}\n`)) {
    throw new VeritrailError('validation_failed', `The core signs evidence manifests only: the text must begin with “${MANIFEST_HEADER}”.`)
  }
  let parsesAsCheckpoint = true
  try {
    parseCheckpoint(text)
  } catch {
    parsesAsCheckpoint = false
  }
  if (parsesAsCheckpoint) throw new VeritrailError('validation_failed', 'A manifest must never read as a checkpoint.')
  return signNote(text, signer)
}

/**
 * The installation's checkpoint signing key, read (never created) from `<dataDir>/keys`, for
 * export jobs that run apart from the ledger (a worker thread, the CLI).
 *
 * @throws VeritrailError `unreadable` when the key is missing, `conflict` when it belongs to
 *   another installation.
 */
export function readSignerKey(dataDir: string, installId: string): SignerKey {
  const path = join(dataDir, 'keys', CHECKPOINT_KEY_FILE)
  let text: string
  try {
    text = readFileSync(path, 'utf8').trim()
  } catch (error) {
    throw new VeritrailError('unreadable', `The checkpoint key ${path} cannot be read: ${(error as Error).message}`)
  }
  const signer = parseSignerKey(text)
  if (signer.name !== installId) {
    throw new VeritrailError('conflict', `The checkpoint key in ${path} belongs to installation “${signer.name}”, not “${installId}”.`)
  }
  return signer
}
