// Pure, synchronous proof checks that also run in a browser: the only platform dependency is
// SHA-256, reached through merkle.ts → hash.ts, which a browser build aliases.
import { isPowerOfTwo } from './bits.js'
import { bytesEqual } from './bytes.js'
import { HASH_SIZE, hashChildren, type Hash } from './merkle.js'
import { VerificationError } from './verification-error.js'

/**
 * Checks that `leafHash` is leaf `leafIndex` of the tree of `treeSize` leaves whose root is
 * `root`, given its audit path: RFC 9162 §2.1.3.2.
 *
 * @throws VerificationError `LEAF_INDEX_OUT_OF_RANGE`, `TREE_SIZE_INVALID`,
 *   `HASH_LENGTH_INVALID`, `PROOF_LENGTH_INVALID` or `INCLUSION_PROOF_INVALID`.
 */
export function verifyInclusion(
  leafIndex: number,
  treeSize: number,
  leafHash: Hash,
  proof: readonly Hash[],
  root: Hash,
): void {
  requireSize(treeSize, 'tree size')
  if (!Number.isSafeInteger(leafIndex) || leafIndex < 0 || leafIndex >= treeSize) {
    throw new VerificationError(
      'LEAF_INDEX_OUT_OF_RANGE',
      `Leaf ${leafIndex} is not in a tree of ${treeSize} leaves.`,
    )
  }
  requireHashes({ 'leaf hash': leafHash, root }, proof)
  requireProofLength(
    proof.length,
    pathLength(leafIndex, treeSize - 1),
    `leaf ${leafIndex} of ${treeSize}`,
  )

  const walk = { fn: leafIndex, sn: treeSize - 1 }
  let r = leafHash
  for (const p of proof) r = climb(walk) ? hashChildren(p, r) : hashChildren(r, p)
  if (!bytesEqual(r, root)) {
    throw new VerificationError(
      'INCLUSION_PROOF_INVALID',
      `The proof does not lead from leaf ${leafIndex} to the root of the tree of ${treeSize}.`,
    )
  }
}

/**
 * Checks that the tree of `size1` leaves with root `root1` is a prefix of the tree of `size2`
 * leaves with root `root2`: RFC 9162 §2.1.4.2. Equal sizes need an empty proof and equal roots.
 * A proof from size 0 is refused: every tree extends the empty tree, so it proves nothing.
 *
 * @throws VerificationError `TREE_SIZE_INVALID`, `HASH_LENGTH_INVALID`,
 *   `PROOF_LENGTH_INVALID` or `CONSISTENCY_PROOF_INVALID`.
 */
export function verifyConsistency(
  size1: number,
  size2: number,
  root1: Hash,
  root2: Hash,
  proof: readonly Hash[],
): void {
  requireSize(size1, 'earlier tree size')
  requireSize(size2, 'later tree size')
  if (size1 === 0 || size1 > size2) {
    throw new VerificationError(
      'TREE_SIZE_INVALID',
      `A consistency proof needs 0 < earlier size ≤ later size; got ${size1} and ${size2}.`,
    )
  }
  if (size1 === size2) {
    requireProofLength(proof.length, 0, `trees of equal size ${size1}`)
    // Compared as given, like transparency-dev/merkle: the same bytes at the same size are consistent.
    if (!bytesEqual(root1, root2)) {
      throw new VerificationError(
        'CONSISTENCY_PROOF_INVALID',
        `Two different roots for the same tree size ${size1}.`,
      )
    }
    return
  }
  requireHashes({ 'earlier root': root1, 'later root': root2 }, proof)

  // Step 2: an earlier tree that is a perfect subtree is its own first proof hash.
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : proof
  // Step 4: skip the levels where the earlier tree's last leaf is a right child.
  const walk = { fn: size1 - 1, sn: size2 - 1 }
  while (walk.fn % 2 === 1) {
    walk.fn = (walk.fn - 1) / 2
    walk.sn = Math.floor(walk.sn / 2)
  }
  const needed = 1 + pathLength(walk.fn, walk.sn) - (path.length - proof.length)
  requireProofLength(proof.length, needed, `tree sizes ${size1} and ${size2}`)

  let fr = path[0] as Hash
  let sr = fr
  for (const c of path.slice(1)) {
    if (climb(walk)) {
      fr = hashChildren(c, fr)
      sr = hashChildren(c, sr)
    } else {
      sr = hashChildren(sr, c)
    }
  }
  if (!bytesEqual(fr, root1)) {
    throw new VerificationError(
      'CONSISTENCY_PROOF_INVALID',
      `The proof does not rebuild the root of the earlier tree of ${size1}.`,
    )
  }
  if (!bytesEqual(sr, root2)) {
    throw new VerificationError(
      'CONSISTENCY_PROOF_INVALID',
      `The proof does not lead from the tree of ${size1} to the root of the tree of ${size2}.`,
    )
  }
}

/**
 * One step up the RFC 9162 walk (§2.1.3.2 step 4, §2.1.4.2 step 6), where `fn` is the node on
 * the path and `sn` the last node of the tree at the current level. Returns true when the
 * step's proof hash is the left sibling.
 */
function climb(walk: { fn: number; sn: number }): boolean {
  const left = walk.fn % 2 === 1 || walk.fn === walk.sn
  if (left) {
    while (walk.fn % 2 === 0 && walk.fn !== 0) {
      walk.fn /= 2
      walk.sn = Math.floor(walk.sn / 2)
    }
  }
  walk.fn = Math.floor(walk.fn / 2)
  walk.sn = Math.floor(walk.sn / 2)
  return left
}

/**
 * How many proof hashes the walk from (`fn`, `sn`) consumes before `sn` reaches 0. The RFC
 * detects a wrong length only after hashing (step "if sn is 0, fail", and "sn must end at 0");
 * counting first gives the same verdict with a clearer reason.
 */
function pathLength(fn: number, sn: number): number {
  const walk = { fn, sn }
  let steps = 0
  for (; walk.sn > 0; steps++) climb(walk)
  return steps
}

function requireSize(size: number, what: string): void {
  if (!Number.isSafeInteger(size) || size < 0) {
    throw new VerificationError(
      'TREE_SIZE_INVALID',
      `The ${what} must be a whole number from 0 to 2^53 − 1; got ${size}.`,
    )
  }
}

function requireHashes(named: Record<string, Hash>, proof: readonly Hash[]): void {
  const all = [...Object.entries(named), ...proof.map((h, i) => [`proof hash ${i}`, h] as const)]
  for (const [what, hash] of all) {
    if (hash.length !== HASH_SIZE) {
      throw new VerificationError(
        'HASH_LENGTH_INVALID',
        `The ${what} has ${hash.length} bytes, not ${HASH_SIZE}.`,
      )
    }
  }
}

function requireProofLength(got: number, want: number, what: string): void {
  if (got !== want) {
    throw new VerificationError(
      'PROOF_LENGTH_INVALID',
      `The proof has ${got} hashes; one for ${what} has ${want}.`,
    )
  }
}
