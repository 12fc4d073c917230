import { sha256 } from './hash.js'

/** A SHA-256 tree hash (32 bytes). */
export type Hash = Uint8Array

/** Length in bytes of every tree hash. */
export const HASH_SIZE = 32

const LEAF_PREFIX = Uint8Array.of(0x00)
const NODE_PREFIX = Uint8Array.of(0x01)

/**
 * Leaf hash of an entry, RFC 6962 §2.1 / RFC 9162 §2.1.1: SHA-256(0x00 ‖ data). The prefix
 * keeps a leaf from ever being read as an inner node (second-preimage protection).
 */
export function hashLeaf(data: Uint8Array): Hash {
  return sha256(LEAF_PREFIX, data)
}

/** Inner node hash, RFC 6962 §2.1 / RFC 9162 §2.1.1: SHA-256(0x01 ‖ left ‖ right). */
export function hashChildren(left: Hash, right: Hash): Hash {
  return sha256(NODE_PREFIX, left, right)
}

/** Root of the empty tree, RFC 6962 §2.1: SHA-256 of no bytes. */
export const EMPTY_ROOT: Hash = sha256()
