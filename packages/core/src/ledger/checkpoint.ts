import { VeritrailError } from '../errors.js'
import { decodeBase64, encodeBase64 } from './base64.js'
import { HASH_SIZE, type Hash } from './merkle.js'
import { openNote, signNote, type SignerKey, type VerifierKey } from './note.js'
import { isNoteSafe } from './note-text.js'
import { VerificationError } from './verification-error.js'

/** A tree head as a C2SP tlog-checkpoint states it. */
export interface Checkpoint {
  /** Which log: in Veritrail `<install-id>/<trail>`. */
  readonly origin: string
  /** Number of leaves. */
  readonly size: number
  /** RFC 6962 root hash at `size`. */
  readonly rootHash: Hash
  /** Opaque extra lines after the root (C2SP discourages them; Veritrail writes none). */
  readonly extensions?: readonly string[]
}

/**
 * The checkpoint note text (C2SP tlog-checkpoint, "Note text"): origin, decimal size, base64
 * root hash, then any extension lines, each ending in a newline.
 *
 * @throws VeritrailError `validation_failed` for an empty or multi-line origin or extension,
 *   a size that is not a whole number, or a root hash that is not 32 bytes.
 * @example formatCheckpoint({ origin: 'example.com/log', size: 0, rootHash: EMPTY_ROOT })
 * // 'example.com/log\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n'
 */
export function formatCheckpoint(checkpoint: Checkpoint): string {
  const { origin, size, rootHash, extensions = [] } = checkpoint
  const lines = [origin, ...extensions]
  if (lines.some((line) => line === '' || line.includes('\n') || !isNoteSafe(line))) {
    throw new VeritrailError(
      'validation_failed',
      'Checkpoint origin and extension lines must be single non-empty lines without control characters.',
    )
  }
  if (!Number.isSafeInteger(size) || size < 0 || rootHash.length !== HASH_SIZE) {
    throw new VeritrailError(
      'validation_failed',
      `A checkpoint needs a whole size and a ${HASH_SIZE}-byte root hash.`,
    )
  }
  return [origin, String(size), encodeBase64(rootHash), ...extensions, ''].join('\n')
}

/**
 * Parses a checkpoint note text strictly: a non-empty origin line, a decimal size without
 * leading zeros, a base64 root hash of 32 bytes, and optional non-empty extension lines.
 *
 * @throws VerificationError `MALFORMED_CHECKPOINT`.
 */
export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith('\n') || !isNoteSafe(text)) {
    malformed('must end in a newline and hold no control characters')
  }
  const [origin = '', sizeLine = '', rootLine = '', ...extensions] = text.slice(0, -1).split('\n')
  if (origin === '') malformed('needs an origin on its first line')
  if (!/^(0|[1-9][0-9]*)$/.test(sizeLine) || !Number.isSafeInteger(Number(sizeLine))) {
    malformed(
      `needs a decimal tree size without leading zeros below 2^53 on its second line, not ${JSON.stringify(sizeLine)}`,
    )
  }
  const rootHash = decodeBase64(rootLine)
  if (rootHash?.length !== HASH_SIZE) {
    malformed(`needs a base64 root hash of ${HASH_SIZE} bytes on its third line`)
  }
  if (extensions.includes('')) malformed('may not have empty extension lines')
  return { origin, size: Number(sizeLine), rootHash, extensions }
}

/**
 * Signs a checkpoint: its note text as a C2SP signed note.
 *
 * @example signCheckpoint({ origin: `${installId}/data`, size, rootHash }, signer)
 */
export function signCheckpoint(
  checkpoint: Checkpoint,
  signers: SignerKey | readonly SignerKey[],
): string {
  return signNote(formatCheckpoint(checkpoint), signers)
}

/**
 * Opens a signed checkpoint: verifies it is signed by one of `verifiers` (keys are matched by
 * name and key id; the key name need not equal the origin) and parses it. Pass the expected
 * `origin`: one key signs both trails, so only the origin tells a data-trail checkpoint from a
 * system-trail one.
 *
 * @throws VerificationError from `openNote` and `parseCheckpoint`, or `CHECKPOINT_ORIGIN_MISMATCH`.
 */
export function openCheckpoint(
  note: string | Uint8Array,
  verifiers: VerifierKey | readonly VerifierKey[],
  options: { origin?: string } = {},
): Checkpoint {
  const checkpoint = parseCheckpoint(openNote(note, [verifiers].flat()).text)
  if (options.origin !== undefined && checkpoint.origin !== options.origin) {
    throw new VerificationError(
      'CHECKPOINT_ORIGIN_MISMATCH',
      `The checkpoint is for ${JSON.stringify(checkpoint.origin)}, not ${JSON.stringify(options.origin)}.`,
    )
  }
  return checkpoint
}

function malformed(problem: string): never {
  throw new VerificationError('MALFORMED_CHECKPOINT', `A checkpoint ${problem}.`)
}
