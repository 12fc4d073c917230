import {
  canonicalJson,
  decodeBase64,
  hashLeaf,
  isVerificationError,
  openCheckpoint,
  parseVerifierKey,
  sha256,
  verifyInclusion,
  type VerifierKey,
} from './core-proofs.ts'

/** What the server published, fetched by the page and handed to the worker as plain data. */
export interface VerificationInput {
  /** The entry exactly as served: the hashed fields plus `leafHash` and `display`. */
  entry: { seq: number; trail: string; leafHash: string; display?: unknown }
  checkpoint: { origin: string; size: number; note: string }
  publicKey: string
  proof: { leafIndex: number; treeSize: number; hashes: string[] }
}

/** Why an entry did not verify; the page turns each into a sentence. */
export type VerificationFailure =
  | 'entry_altered'
  | 'key_invalid'
  | 'checkpoint_invalid'
  | 'origin_mismatch'
  | 'proof_invalid'
  | 'not_yet_in_checkpoint'

export type VerificationResult =
  | { ok: true; treeSize: number; rootHash: string; fingerprint: string }
  | { ok: false; failure: VerificationFailure; detail: string; fingerprint?: string }

/**
 * Verifies one audit entry without trusting the server: re-hashes the entry itself (leafHash =
 * SHA-256(0x00 ‖ RFC 8785 JSON of the entry without leafHash and display)), opens the signed
 * checkpoint with the published key, and checks the inclusion proof against its root.
 */
export function verifyEntry(input: VerificationInput): VerificationResult {
  const { leafHash: served, display: _display, ...hashed } = input.entry
  const leaf = hashLeaf(new TextEncoder().encode(canonicalJson(hashed)))
  if (base64(leaf) !== served) {
    return fail('entry_altered', 'The entry does not hash to the leaf hash the server gave.')
  }
  let key: VerifierKey
  try {
    key = parseVerifierKey(input.publicKey)
  } catch (error) {
    return fail('key_invalid', message(error))
  }
  const fingerprint = keyFingerprint(key)
  let checkpoint: ReturnType<typeof openCheckpoint>
  try {
    checkpoint = openCheckpoint(input.checkpoint.note, key)
  } catch (error) {
    return fail('checkpoint_invalid', message(error), fingerprint)
  }
  if (checkpoint.origin !== `${key.name}/${input.entry.trail}`) {
    return fail('origin_mismatch', `The checkpoint is for ${checkpoint.origin}.`, fingerprint)
  }
  if (input.entry.seq > checkpoint.size) {
    return fail('not_yet_in_checkpoint', `Checkpoint size ${checkpoint.size}.`, fingerprint)
  }
  try {
    const hashes = input.proof.hashes.map((h) => decodeBase64(h) ?? new Uint8Array())
    verifyInclusion(input.entry.seq - 1, checkpoint.size, leaf, hashes, checkpoint.rootHash)
  } catch (error) {
    return fail('proof_invalid', message(error), fingerprint)
  }
  return { ok: true, treeSize: checkpoint.size, rootHash: base64(checkpoint.rootHash), fingerprint }
}

/**
 * The key as `veritrail verify` prints it, to compare with the copy published out of band:
 * `name+keyid (SHA-256 <first 16 hex digits of SHA-256(public key)>…)`.
 */
export function keyFingerprint(key: VerifierKey): string {
  const digest = Array.from(sha256(key.publicKey), (b) => b.toString(16).padStart(2, '0')).join('')
  return `${key.name}+${key.keyIdHex} (SHA-256 ${digest.slice(0, 16)}…)`
}

/** The fingerprint of a verifier key string, or undefined when it does not parse. */
export function fingerprintOf(publicKey: string): string | undefined {
  try {
    return keyFingerprint(parseVerifierKey(publicKey))
  } catch {
    return undefined
  }
}

function fail(
  failure: VerificationFailure,
  detail: string,
  fingerprint?: string,
): VerificationResult {
  return { ok: false, failure, detail, ...(fingerprint ? { fingerprint } : {}) }
}

function message(error: unknown): string {
  if (isVerificationError(error)) return error.message
  return error instanceof Error ? error.message : String(error)
}

function base64(bytes: Uint8Array): string {
  let binary = ''
  for (const b of bytes) binary += String.fromCharCode(b)
  return btoa(binary)
}
