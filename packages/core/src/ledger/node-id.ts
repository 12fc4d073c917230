import type { Hash } from './merkle.js'

/**
 * A perfect subtree of a trail's tree: `level` 0 is a leaf, and node `{ level, index }` covers
 * leaves `[index · 2^level, (index + 1) · 2^level)`. Every such node's hash is stored once it
 * is complete, which makes proofs for any historical tree size cheap.
 */
export interface NodeId {
  readonly level: number
  readonly index: number
}

/** A perfect subtree together with its hash, as the store persists it. */
export interface NodeWithHash extends NodeId {
  readonly hash: Hash
}

/** Leaves `[begin, end)` of a tree, `begin` inclusive and `end` exclusive. */
export interface LeafRange {
  readonly begin: number
  readonly end: number
}

/** A string that identifies a node, for maps keyed by node. */
export function nodeKey(id: NodeId): string {
  return `${id.level}/${id.index}`
}
