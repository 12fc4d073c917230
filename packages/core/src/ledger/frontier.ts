import { VeritrailError } from '../errors.js'
import { EMPTY_ROOT, HASH_SIZE, hashChildren, type Hash } from './merkle.js'
import type { NodeWithHash } from './node-id.js'
import { decompose } from './ranges.js'

/**
 * The right edge of a growing tree: the perfect subtrees that make up leaves `[0, size)`
 * (`decompose(0, size)`), which is all an appender needs. Appending a leaf merges equal-sized
 * subtrees like a binary counter carries, so it costs O(1) hashes amortised; the root folds the
 * O(log size) edge nodes and is cached until the next append.
 *
 * @example
 * const frontier = new Frontier()
 * const created = frontier.append(hashLeaf(bytes)) // persist these
 * frontier.root()
 */
export class Frontier {
  #edge: NodeWithHash[]
  #size: number
  #root: Hash | undefined

  /** An empty tree. */
  constructor() {
    this.#edge = []
    this.#size = 0
  }

  /**
   * The frontier of a tree of `size` leaves, from the stored hashes of `decompose(0, size)`
   * in that order.
   *
   * @throws VeritrailError `validation_failed` when the hashes do not match that list.
   */
  static fromNodes(size: number, hashes: readonly Hash[]): Frontier {
    const ids = decompose(0, size)
    if (hashes.length !== ids.length || hashes.some((hash) => hash.length !== HASH_SIZE)) {
      throw new VeritrailError(
        'validation_failed',
        `A tree of ${size} leaves needs ${ids.length} node hashes of ${HASH_SIZE} bytes; got ${hashes.length} of lengths ${hashes.map((h) => h.length).join(', ') || 'none'}.`,
      )
    }
    const frontier = new Frontier()
    frontier.#edge = ids.map((id, i) => ({ ...id, hash: hashes[i] as Hash }))
    frontier.#size = size
    return frontier
  }

  /** Number of leaves. */
  get size(): number {
    return this.#size
  }

  /** The perfect subtrees of the right edge, largest first (what `fromNodes` takes back). */
  get edge(): readonly NodeWithHash[] {
    return this.#edge
  }

  /**
   * Adds the next leaf and returns every perfect node this completes, lowest first: the leaf
   * itself (level 0) and each merged parent above it.
   *
   * @throws VeritrailError `validation_failed` for a hash that is not 32 bytes.
   */
  append(leafHash: Hash): NodeWithHash[] {
    if (leafHash.length !== HASH_SIZE) {
      throw new VeritrailError(
        'validation_failed',
        `A leaf hash has ${HASH_SIZE} bytes; got ${leafHash.length}.`,
      )
    }
    let node: NodeWithHash = { level: 0, index: this.#size, hash: leafHash }
    const created = [node]
    for (let left = this.#edge.at(-1); left?.level === node.level; left = this.#edge.at(-1)) {
      this.#edge.pop()
      node = {
        level: node.level + 1,
        index: left.index / 2,
        hash: hashChildren(left.hash, node.hash),
      }
      created.push(node)
    }
    this.#edge.push(node)
    this.#size += 1
    this.#root = undefined
    return created
  }

  /** The RFC 6962 root hash of the tree as it stands. */
  root(): Hash {
    this.#root ??= this.#edge.reduceRight<Hash | undefined>(
      (right, node) => (right === undefined ? node.hash : hashChildren(node.hash, right)),
      undefined,
    )
    return this.#root ?? EMPTY_ROOT
  }

  /** An independent copy, e.g. to stage appends in a transaction that may roll back. */
  clone(): Frontier {
    const copy = new Frontier()
    copy.#edge = [...this.#edge]
    copy.#size = this.#size
    copy.#root = this.#root
    return copy
  }
}
