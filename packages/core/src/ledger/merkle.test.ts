import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { EMPTY_ROOT, HASH_SIZE, hashChildren, hashLeaf } from './merkle.js'

const tree = JSON.parse(
  readFileSync(
    new URL(
      '../../../../../shared/vectors/rfc6962-derived/rfc6962_8leaf_tree.json',
      import.meta.url,
    ),
    'utf8',
  ),
) as {
  leafInputsHex: string[]
  nodeHashesHexByLevel: string[][]
  hasherVectors: {
    desc: string
    hex: string
    input?: string
    inputAscii?: string
    leftAscii?: string
    rightAscii?: string
  }[]
}
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')
const ascii = (text: string) => new TextEncoder().encode(text)

describe('RFC 6962 hashing', () => {
  it('hashes the empty tree to SHA-256 of nothing', () => {
    expect(hex(EMPTY_ROOT)).toBe(tree.hasherVectors[0]?.hex)
    expect(EMPTY_ROOT).toHaveLength(HASH_SIZE)
  })

  it.each(tree.hasherVectors.slice(1))('$desc', (vector) => {
    const got =
      vector.leftAscii !== undefined && vector.rightAscii !== undefined
        ? hashChildren(ascii(vector.leftAscii), ascii(vector.rightAscii))
        : hashLeaf(
            vector.inputAscii !== undefined
              ? ascii(vector.inputAscii)
              : Buffer.from(vector.input ?? '', 'hex'),
          )
    expect(hex(got)).toBe(vector.hex)
  })

  it('hashes the eight reference leaves and their parents', () => {
    const leaves = tree.leafInputsHex.map((input) => hashLeaf(Buffer.from(input, 'hex')))
    expect(leaves.map(hex)).toEqual(tree.nodeHashesHexByLevel[0])
    const level1 = [0, 2, 4, 6].map((i) => hashChildren(leaves[i]!, leaves[i + 1]!))
    expect(level1.map(hex)).toEqual(tree.nodeHashesHexByLevel[1])
  })

  it('separates leaves from nodes by the prefix byte', () => {
    const a = hashLeaf(new Uint8Array(64))
    expect(hex(a)).not.toBe(hex(hashChildren(new Uint8Array(32), new Uint8Array(32))))
  })
})
