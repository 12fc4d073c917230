import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { VeritrailError } from '../../errors.js'
import { openNote, signNote, type VerifierKey } from '../../ledger/note.js'
import { parseSignerKey } from '../../ledger/note-keys.js'
import { isVerificationError } from '../../ledger/verification-error.js'
import { parseManifest } from '../manifest.js'
import { digestDifferences, manifestHash, packDigestText, parsePackDigest } from './pack-digest.js'
import { packFiles, SIGNATURE_FILE } from './pack-files.js'

/**
 * The integrity of a pack on disk:
 * - `none`: no SIGNATURE file (an unsigned pack: loads only after an administrator trusts it);
 * - `valid`: signed by a trusted publisher key, and every file matches what was signed;
 * - `unknown-key`: the files match what was signed, but no trusted key made the signature;
 * - `tampered`: the files differ from what was signed, or a trusted key's signature is bad —
 *   such a pack never loads.
 */
export type PackSignatureStatus = 'none' | 'valid' | 'unknown-key' | 'tampered'

/** What `verifyPack` found. */
export interface PackVerification {
  status: PackSignatureStatus
  /** Package name and version as read from package.json. */
  name: string
  version: string
  /** Hex SHA-256 of the digest text of the files as they are now. */
  manifestHash: string
  fileCount: number
  /** The signer as named in the signature, `<name>+<key id>` (verified only when `valid`). */
  publisher: string | null
  /** Sentences saying what is wrong (tampered) or missing (no trusted key). */
  problems: string[]
}

/**
 * Signs the pack at `dir`: hashes every file (see `packFiles`), writes the digest as a C2SP
 * signed note to `SIGNATURE`, signed with the publisher's note key (`PRIVATE+KEY+name+…`, the
 * same format as checkpoint keys). Returns the manifest hash.
 *
 * @throws VeritrailError `validation_failed` when package.json is not a valid plugin manifest.
 */
export function signPack(dir: string, signerKey: string): PackVerification {
  const signer = parseSignerKey(signerKey.trim())
  const { name, version } = readIdentity(dir)
  const text = packDigestText(name, version, packFiles(dir))
  writeFileSync(join(dir, SIGNATURE_FILE), signNote(text, signer))
  return verifyPack(dir, [signer])
}

/**
 * Checks the pack at `dir` against its `SIGNATURE` and the publisher keys in `trusted`. Never
 * throws for a bad pack: the answer says what is wrong.
 *
 * @throws VeritrailError `validation_failed` only when the pack cannot be read as a plugin at all.
 */
export function verifyPack(dir: string, trusted: readonly VerifierKey[]): PackVerification {
  const { name, version } = readIdentity(dir)
  const files = packFiles(dir)
  const text = packDigestText(name, version, files)
  const base = { name, version, manifestHash: manifestHash(text), fileCount: files.length }
  const sigPath = join(dir, SIGNATURE_FILE)
  if (!existsSync(sigPath)) {
    return { ...base, status: 'none', publisher: null, problems: ['The pack is not signed.'] }
  }
  const note = readFileSync(sigPath, 'utf8')
  const publisher = signerOf(note)
  const tampered = (problems: string[]) => ({
    ...base,
    status: 'tampered' as const,
    publisher,
    problems,
  })
  let signedText: string
  try {
    signedText = noteText(note)
    const signed = parsePackDigest(signedText)
    const changes = digestDifferences(signed.files, files)
    if (signed.name !== name || signed.version !== version) {
      changes.unshift(
        `the signature is for ${signed.name} ${signed.version}, not ${name} ${version}`,
      )
    }
    if (changes.length > 0 || signedText !== text) {
      return tampered([
        `The files differ from what was signed: ${changes.join('; ') || 'the file list changed'}.`,
      ])
    }
  } catch (error) {
    if (isVerificationError(error)) return tampered([error.message])
    throw error
  }
  try {
    openNote(note, trusted)
    return { ...base, status: 'valid', publisher, problems: [] }
  } catch (error) {
    if (!isVerificationError(error)) throw error
    if (error.reason === 'NO_TRUSTED_SIGNATURE') {
      return {
        ...base,
        status: 'unknown-key',
        publisher,
        problems: [`The pack is signed by ${publisher}, a key not in the trust store.`],
      }
    }
    return tampered([error.message])
  }
}

function readIdentity(dir: string): { name: string; version: string } {
  const file = join(dir, 'package.json')
  let json: unknown
  try {
    json = JSON.parse(readFileSync(file, 'utf8'))
  } catch (cause) {
    throw new VeritrailError(
      'validation_failed',
      `${file} is missing or not JSON; a plugin pack needs one.`,
      { cause },
    )
  }
  const read = parseManifest(json)
  if (!read.success) {
    throw new VeritrailError(
      'validation_failed',
      `${file} is not a valid plugin manifest: ${read.problems.join(' ')}`,
    )
  }
  return { name: read.manifest.name, version: read.manifest.version }
}

/** The text part of a signed note (up to and including the newline before the blank line). */
function noteText(note: string): string {
  const split = note.lastIndexOf('\n\n')
  return split < 0 ? note : note.slice(0, split + 1)
}

/** `<name>+<key id>` of the first signature line, unverified; null if there is none. */
function signerOf(note: string): string | null {
  const line = note.slice(note.lastIndexOf('\n\n') + 2).split('\n')[0] ?? ''
  const match = /^\u2014 (\S+) (\S+)$/.exec(line)
  if (!match) return null
  const raw = Buffer.from(match[2]!, 'base64')
  return raw.length >= 4 ? `${match[1]}+${raw.subarray(0, 4).toString('hex')}` : null
}
