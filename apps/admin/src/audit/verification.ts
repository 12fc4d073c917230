import type { Checkpoint, Entry, InclusionProof } from '../api/types.ts'
import { api } from '../app/session.ts'
import type { VerificationResult } from '../verify/verify-entry.ts'
import { Verifier } from '../verify/verifier.ts'

const verifier = new Verifier()
let publicKey: Promise<string> | undefined

/** The published checkpoint verifier key (fetched once per page load). */
export function checkpointKey(): Promise<string> {
  publicKey ??= api.json<{ key: string }>('/api/v1/audit/public-key').then((r) => r.key)
  publicKey.catch(() => (publicKey = undefined))
  return publicKey
}

/** The key's fingerprint, computed in the worker, to compare with the one published elsewhere. */
export async function checkpointKeyFingerprint(): Promise<string | undefined> {
  return verifier.fingerprintOf(await checkpointKey())
}

/**
 * Checks a served entry in the browser: fetches the trail's signed checkpoint and the entry's
 * inclusion proof for that checkpoint's size, then lets the worker re-hash and verify. The
 * server is trusted for nothing: a wrong answer fails the check.
 */
export async function verifyServedEntry(entry: Entry): Promise<VerificationResult> {
  const key = await checkpointKey()
  let checkpoint = await api.json<Checkpoint>(`/api/v1/audit/checkpoint?trail=${entry.trail}`)
  if (entry.seq > checkpoint.size) {
    await new Promise((resolve) => setTimeout(resolve, 1200))
    checkpoint = await api.json<Checkpoint>(`/api/v1/audit/checkpoint?trail=${entry.trail}`)
  }
  const proofUrl = `/api/v1/audit/proof/inclusion?trail=${entry.trail}&seq=${entry.seq}&size=${checkpoint.size}`
  const proof =
    entry.seq > checkpoint.size
      ? { leafIndex: entry.seq - 1, treeSize: checkpoint.size, hashes: [] }
      : await api.json<InclusionProof>(proofUrl)
  return verifier.verifyEntry({ entry, checkpoint, publicKey: key, proof })
}
