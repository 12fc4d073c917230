import { VeritrailError } from '../errors.js'
import { bitLength, largestPowerOfTwoBelow, trailingZeros } from './bits.js'
import { EMPTY_ROOT, HASH_SIZE, hashChildren, type Hash } from './merkle.js'
import { nodeKey, type LeafRange, type NodeId } from './node-id.js'
import { requireLeafCount } from './tree-size.js'

// Proofs and historical roots are hashes of leaf ranges (RFC 6962 §2.1 MTH). The tree stores
// every perfect-subtree hash, so each range hash is a fold of a few stored nodes: work out the
// ranges, fetch their nodes in one read, fold.

/**
 * Fetches the stored hashes of many perfect nodes at once (the store answers with one query),
 * in the order asked. Level 0 nodes are leaf hashes.
 */
export type ReadNodes = (ids: NodeId[]) => Promise<readonly Hash[]>

/** Where `hashRange` finds perfect-node hashes: a map keyed by `nodeKey`, or a lookup. */
export type NodeHashes = ReadonlyMap<string, Hash> | ((id: NodeId) => Hash)

/**
 * The fewest perfect subtrees that exactly cover leaves `[begin, end)`, left to right (the
 * "compact range" of the range). For `[0, size)` these are the subtrees named by the set bits
 * of `size`, largest first: the nodes whose hashes fold into the root of a tree of that size.
 *
 * Greedy: at each position take the highest node that starts there and still fits.
 *
 * @example decompose(0, 6) // [{ level: 2, index: 0 }, { level: 1, index: 2 }]
 */
export function decompose(begin: number, end: number): NodeId[] {
  requireLeafCount(begin, 'The first leaf of a range')
  requireLeafCount(end, 'The end of a range')
  if (begin > end) {
    throw new VeritrailError(
      'validation_failed',
      `A range cannot end (${end}) before it begins (${begin}).`,
    )
  }
  const nodes: NodeId[] = []
  for (let at = begin; at < end;) {
    const fits = bitLength(end - at) - 1
    const level = at === 0 ? fits : Math.min(trailingZeros(at), fits)
    const width = 2 ** level
    nodes.push({ level, index: at / width })
    at += width
  }
  return nodes
}

/**
 * The ranges whose Merkle tree hashes (MTH, RFC 6962 §2.1) make up the audit path of leaf
 * `index` in a tree of `size` leaves, in proof order (nearest the leaf first): RFC 9162
 * §2.1.3.1 `PATH(m, D[n])`, with the recursion unrolled onto absolute leaf positions.
 *
 * @throws VeritrailError `validation_failed` unless 0 ≤ index < size.
 * @example inclusionProofRanges(2, 3) // [{ begin: 0, end: 2 }]
 */
export function inclusionProofRanges(index: number, size: number): LeafRange[] {
  requireLeafCount(index, 'The leaf index')
  requireLeafCount(size, 'The tree size')
  if (index >= size) {
    throw new VeritrailError(
      'validation_failed',
      `Leaf ${index} is not in a tree of ${size} leaves.`,
    )
  }
  const path: LeafRange[] = []
  let begin = 0
  let end = size
  // Walk from the root down to the leaf; each step's sibling joins the path nearer the leaf.
  while (end - begin > 1) {
    const k = largestPowerOfTwoBelow(end - begin)
    if (index < begin + k) {
      path.push({ begin: begin + k, end })
      end = begin + k
    } else {
      path.push({ begin, end: begin + k })
      begin += k
    }
  }
  return path.reverse()
}

/**
 * The ranges whose Merkle tree hashes make up the proof that the tree of `size1` leaves is a
 * prefix of the tree of `size2` leaves, in proof order: RFC 9162 §2.1.4.1
 * `PROOF(m, D[n]) = SUBPROOF(m, D[n], true)`. Equal sizes need no hashes.
 *
 * @throws VeritrailError `validation_failed` unless 0 < size1 ≤ size2 (a proof from the empty
 *   tree proves nothing, and the verifier refuses it).
 * @example consistencyProofRanges(3, 4) // [{ begin: 2, end: 3 }, { begin: 3, end: 4 }, { begin: 0, end: 2 }]
 */
export function consistencyProofRanges(size1: number, size2: number): LeafRange[] {
  requireLeafCount(size1, 'The earlier tree size')
  requireLeafCount(size2, 'The later tree size')
  if (size1 === 0 || size1 > size2) {
    throw new VeritrailError(
      'validation_failed',
      `A consistency proof needs 0 < earlier size ≤ later size; got ${size1} and ${size2}.`,
    )
  }
  const proof: LeafRange[] = []
  let begin = 0
  let end = size2
  // `whole` is SUBPROOF's flag b: true while the old tree's root is this very subtree.
  let whole = true
  while (size1 !== end) {
    const k = largestPowerOfTwoBelow(end - begin)
    if (size1 <= begin + k) {
      proof.push({ begin: begin + k, end })
      end = begin + k
    } else {
      proof.push({ begin, end: begin + k })
      begin += k
      whole = false
    }
  }
  if (!whole) proof.push({ begin, end })
  return proof.reverse()
}

/**
 * The Merkle tree hash (RFC 6962 §2.1 MTH) of leaves `[begin, end)`, composed from the stored
 * hashes of the perfect subtrees in `decompose(begin, end)`. For a range that starts on a
 * subtree boundary (every range in a proof, and `[0, size)`), those subtrees shrink left to
 * right, and MTH, which splits at the largest power of two below the width, is their fold from
 * the right: `hashChildren(p1, hashChildren(p2, … pk))`. Ranges of any other shape have a
 * different MTH and are refused. The empty range hashes to `EMPTY_ROOT`.
 *
 * @throws VeritrailError `validation_failed` for a range that is not right-edge shaped, or
 *   `internal` when a needed node hash is missing.
 */
export function hashRange(range: LeafRange, nodes: NodeHashes): Hash {
  const ids = decompose(range.begin, range.end)
  const last = ids.at(-1)
  if (last === undefined) return EMPTY_ROOT
  let hash = lookup(nodes, last)
  for (let i = ids.length - 2; i >= 0; i--) {
    const id = ids[i] as NodeId
    if (id.level <= (ids[i + 1] as NodeId).level) {
      throw new VeritrailError(
        'validation_failed',
        `Leaves [${range.begin}, ${range.end}) do not split into subtrees that shrink left to right, so their hash is not a fold of stored nodes.`,
      )
    }
    hash = hashChildren(lookup(nodes, id), hash)
  }
  return hash
}

function lookup(nodes: NodeHashes, id: NodeId): Hash {
  const hash = typeof nodes === 'function' ? nodes(id) : nodes.get(nodeKey(id))
  if (hash === undefined) {
    throw new VeritrailError('internal', `The hash of tree node ${nodeKey(id)} is missing.`)
  }
  return hash
}

/**
 * The audit path proving leaf `index` is in the tree of `size` leaves (RFC 9162 §2.1.3),
 * built from stored perfect-node hashes with a single `readNodes` call.
 *
 * @throws VeritrailError `validation_failed` unless 0 ≤ index < size.
 */
export async function inclusionProof(
  index: number,
  size: number,
  readNodes: ReadNodes,
): Promise<Hash[]> {
  return hashRanges(inclusionProofRanges(index, size), readNodes)
}

/**
 * The proof that the tree of `size1` leaves is a prefix of the tree of `size2` leaves
 * (RFC 9162 §2.1.4), built with a single `readNodes` call.
 *
 * @throws VeritrailError `validation_failed` unless 0 < size1 ≤ size2.
 */
export async function consistencyProof(
  size1: number,
  size2: number,
  readNodes: ReadNodes,
): Promise<Hash[]> {
  return hashRanges(consistencyProofRanges(size1, size2), readNodes)
}

/** The root hash of the tree as it was at `size` leaves, with a single `readNodes` call. */
export async function rootAt(size: number, readNodes: ReadNodes): Promise<Hash> {
  const [root] = await hashRanges([{ begin: 0, end: size }], readNodes)
  return root as Hash
}

async function hashRanges(ranges: readonly LeafRange[], readNodes: ReadNodes): Promise<Hash[]> {
  const ids = new Map<string, NodeId>()
  for (const range of ranges) {
    for (const id of decompose(range.begin, range.end)) ids.set(nodeKey(id), id)
  }
  const wanted = [...ids.values()]
  const hashes = wanted.length === 0 ? [] : await readNodes(wanted)
  if (hashes.length !== wanted.length) {
    throw new VeritrailError(
      'internal',
      `Asked the store for ${wanted.length} tree nodes and got ${hashes.length}.`,
    )
  }
  const byKey = new Map<string, Hash>()
  wanted.forEach((id, i) => {
    const hash = hashes[i]
    if (hash?.length !== HASH_SIZE) {
      throw new VeritrailError(
        'internal',
        `The stored hash of tree node ${nodeKey(id)} is not ${HASH_SIZE} bytes.`,
      )
    }
    byKey.set(nodeKey(id), hash)
  })
  return ranges.map((range) => hashRange(range, byKey))
}
