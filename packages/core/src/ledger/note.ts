import type { KeyObject } from 'node:crypto'
import { VeritrailError } from '../errors.js'
import { decodeBase64, encodeBase64 } from './base64.js'
import { ed25519Sign, ed25519Verify } from './ed25519.js'
import { isNoteSafe, isValidKeyId, isValidKeyName } from './note-text.js'
import { VerificationError } from './verification-error.js'

/** A trusted Ed25519 note key: who signs, and the key id that names the key in signatures. */
export interface VerifierKey {
  readonly name: string
  /** SHA-256(name ‖ 0x0A ‖ 0x01 ‖ publicKey)[:4] as 8 lowercase hex digits. */
  readonly keyIdHex: string
  /** The 32-byte Ed25519 public key. */
  readonly publicKey: Uint8Array
}

/** An Ed25519 note signing key; the private half is an opaque `KeyObject` so it never prints. */
export interface SignerKey extends VerifierKey {
  readonly privateKey: KeyObject
}

/** One signature line of a note, as written there. */
export interface NoteSignature {
  readonly name: string
  readonly keyIdHex: string
  /** base64(key id ‖ signature), exactly as in the note. */
  readonly base64: string
}

/** A note whose signatures were checked: `sigs` verified, `unverifiedSigs` from unknown keys. */
export interface OpenedNote {
  readonly text: string
  readonly sigs: NoteSignature[]
  readonly unverifiedSigs: NoteSignature[]
}

/** Go's sumdb/note limit; C2SP asks verifiers to accept at least 16. */
const MAX_SIGNATURES = 100
const SIGNATURE_PREFIX = '\u2014 '

/**
 * Signs `text` as a C2SP signed note: the text (ending in a newline), a blank line, then one
 * line `— <name> base64(key id ‖ Ed25519 signature)` per signer.
 *
 * @throws VeritrailError `validation_failed` for a text that does not end in a newline or holds
 *   characters a note may not carry.
 * @example signNote('hello\n', signer) // 'hello\n\n— example.com/log AbCd…=\n'
 */
export function signNote(text: string, signers: SignerKey | readonly SignerKey[]): string {
  if (!text.endsWith('\n') || !isNoteSafe(text)) {
    throw new VeritrailError(
      'validation_failed',
      'A note text must end in a newline and hold no control characters but newlines.',
    )
  }
  const all = [signers].flat()
  const bad = all.find((s) => !isValidKeyName(s.name) || !isValidKeyId(s.keyIdHex))
  if (all.length === 0 || bad) {
    throw new VeritrailError(
      'validation_failed',
      `A note needs signers with valid key names and ids${bad ? `; not ${JSON.stringify(bad.name)}` : ''}.`,
    )
  }
  const message = new TextEncoder().encode(text)
  const lines = all.map((signer) => {
    const signature = ed25519Sign(signer.privateKey, message)
    const b64 = encodeBase64(Buffer.concat([Buffer.from(signer.keyIdHex, 'hex'), signature]))
    return `${SIGNATURE_PREFIX}${signer.name} ${b64}\n`
  })
  return `${text}\n${lines.join('')}`
}

/**
 * Opens a C2SP signed note: checks its syntax, verifies every signature from a key in
 * `verifiers` and keeps the others as unverified (the spec says to ignore unknown keys).
 *
 * @throws VerificationError `MALFORMED_NOTE`, `AMBIGUOUS_KEY`, `SIGNATURE_INVALID` (a trusted
 *   key's signature fails: the whole note is refused) or `NO_TRUSTED_SIGNATURE`.
 */
export function openNote(note: string | Uint8Array, verifiers: readonly VerifierKey[]): OpenedNote {
  const known = indexKeys(verifiers)
  const { text, lines } = splitNote(typeof note === 'string' ? note : decodeUtf8(note))
  const message = new TextEncoder().encode(text)
  const sigs: NoteSignature[] = []
  const unverifiedSigs: NoteSignature[] = []
  const seen = new Set<string>()
  for (const line of lines) {
    const { signature, bytes } = parseSignatureLine(line)
    const id = `${signature.name}+${signature.keyIdHex}`
    const key = known.get(id)
    // Repeats add nothing: keep the first of each key (known) or of each line (unknown).
    const seenAs = key ? id : line
    if (seen.has(seenAs)) continue
    seen.add(seenAs)
    if (!key) {
      unverifiedSigs.push(signature)
    } else if (ed25519Verify(key.publicKey, message, bytes)) {
      sigs.push(signature)
    } else {
      throw new VerificationError(
        'SIGNATURE_INVALID',
        `The note's signature by ${id} does not verify.`,
      )
    }
  }
  if (sigs.length === 0) {
    const found = unverifiedSigs.map((s) => `${s.name}+${s.keyIdHex}`).join(', ')
    throw new VerificationError(
      'NO_TRUSTED_SIGNATURE',
      `The note has no signature by a trusted key (it has: ${found}).`,
    )
  }
  return { text, sigs, unverifiedSigs }
}

function indexKeys(verifiers: readonly VerifierKey[]): Map<string, VerifierKey> {
  const known = new Map<string, VerifierKey>()
  for (const key of verifiers) {
    const id = `${key.name}+${key.keyIdHex}`
    const other = known.get(id)
    if (other && Buffer.compare(other.publicKey, key.publicKey) !== 0) {
      throw new VerificationError(
        'AMBIGUOUS_KEY',
        `Two trusted keys share the name and key id ${id}.`,
      )
    }
    known.set(id, key)
  }
  return known
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)
  } catch (cause) {
    throw new VerificationError('MALFORMED_NOTE', 'The note is not valid UTF-8.', { cause })
  }
}

/** Text and signature lines, split at the last blank line (C2SP signed-note, "Format"). */
function splitNote(note: string): { text: string; lines: string[] } {
  if (!isNoteSafe(note)) malformed('holds control characters other than newlines')
  const split = note.lastIndexOf('\n\n')
  if (split < 0) malformed('has no blank line before its signatures')
  const block = note.slice(split + 2)
  if (!block.endsWith('\n')) malformed('does not end with a signature line and a newline')
  const lines = block.slice(0, -1).split('\n')
  if (lines.length > MAX_SIGNATURES) malformed(`has more than ${MAX_SIGNATURES} signatures`)
  return { text: note.slice(0, split + 1), lines }
}

function parseSignatureLine(line: string): { signature: NoteSignature; bytes: Uint8Array } {
  if (!line.startsWith(SIGNATURE_PREFIX)) {
    malformed(`has a line that is not a signature: ${JSON.stringify(line)}`)
  }
  const rest = line.slice(SIGNATURE_PREFIX.length)
  const space = rest.indexOf(' ')
  const name = space < 0 ? rest : rest.slice(0, space)
  const b64 = space < 0 ? '' : rest.slice(space + 1)
  const raw = decodeBase64(b64)
  if (!isValidKeyName(name) || raw === undefined || raw.length < 5) {
    malformed(`has a malformed signature line: ${JSON.stringify(line)}`)
  }
  const keyIdHex = Buffer.from(raw.subarray(0, 4)).toString('hex')
  return { signature: { name, keyIdHex, base64: b64 }, bytes: raw.subarray(4) }
}

function malformed(problem: string): never {
  throw new VerificationError('MALFORMED_NOTE', `The signed note ${problem}.`)
}
