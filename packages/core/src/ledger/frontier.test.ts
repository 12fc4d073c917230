import fc from 'fast-check'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { Frontier } from './frontier.js'
import { EMPTY_ROOT, hashLeaf, type Hash } from './merkle.js'
import type { NodeWithHash } from './node-id.js'
import { decompose } from './ranges.js'

const tree = JSON.parse(
  readFileSync(
    new URL(
      '../../../../../shared/vectors/rfc6962-derived/rfc6962_8leaf_tree.json',
      import.meta.url,
    ),
    'utf8',
  ),
) as { leafInputsHex: string[]; rootHashesHex: string[]; nodeHashesHexByLevel: string[][] }
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')
const leafHashes = tree.leafInputsHex.map((input) => hashLeaf(Buffer.from(input, 'hex')))
const leaf = (i: number) => hashLeaf(new TextEncoder().encode(`entry ${i}`))

describe('Frontier', () => {
  it('has the reference root after each of the eight reference leaves', () => {
    const frontier = new Frontier()
    expect(frontier.root()).toEqual(EMPTY_ROOT)
    leafHashes.forEach((hash, i) => {
      frontier.append(hash)
      expect(frontier.size).toBe(i + 1)
      expect(hex(frontier.root())).toBe(tree.rootHashesHex[i + 1])
    })
  })

  it('returns every completed perfect node exactly once, leaf first', () => {
    const frontier = new Frontier()
    const created = leafHashes.flatMap((hash) => frontier.append(hash))
    const byLevel = tree.nodeHashesHexByLevel.map((level, l) =>
      level.map((h, index) => ({ level: l, index, hash: h })),
    )
    const sorted = [...created].sort((a, b) => a.level - b.level || a.index - b.index)
    expect(sorted.map((n) => ({ ...n, hash: hex(n.hash) }))).toEqual(byLevel.flat())
    expect(frontier.append(leaf(8)).map(({ level, index }) => ({ level, index }))).toEqual([
      { level: 0, index: 8 },
    ])
  })

  it('creates 2n − popcount(n) nodes for n leaves: O(1) amortised', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), (n) => {
        const frontier = new Frontier()
        let created = 0
        for (let i = 0; i < n; i++) created += frontier.append(leaf(i)).length
        const ones = n.toString(2).replaceAll('0', '').length
        expect(created).toBe(2 * n - ones)
        expect(frontier.edge).toHaveLength(ones)
      }),
      { numRuns: 30 },
    )
  })

  it('rebuilds from the stored decomposition and carries on identically', () => {
    const original = new Frontier()
    const stored = new Map<string, Hash>()
    const keep = (nodes: NodeWithHash[]) =>
      nodes.forEach((n) => stored.set(`${n.level}/${n.index}`, n.hash))
    for (let i = 0; i < 45; i++) keep(original.append(leaf(i)))
    const hashes = decompose(0, 45).map(
      ({ level, index }) => stored.get(`${level}/${index}`) as Hash,
    )
    const rebuilt = Frontier.fromNodes(45, hashes)
    expect(rebuilt.size).toBe(45)
    expect(hex(rebuilt.root())).toBe(hex(original.root()))
    for (let i = 45; i < 70; i++) {
      expect(rebuilt.append(leaf(i))).toEqual(original.append(leaf(i)))
      expect(hex(rebuilt.root())).toBe(hex(original.root()))
    }
    expect(Frontier.fromNodes(0, []).root()).toEqual(EMPTY_ROOT)
  })

  it('clones independently', () => {
    const frontier = new Frontier()
    for (let i = 0; i < 5; i++) frontier.append(leaf(i))
    const before = hex(frontier.root())
    const copy = frontier.clone()
    copy.append(leaf(5))
    expect(hex(frontier.root())).toBe(before)
    expect(frontier.size).toBe(5)
    expect(copy.size).toBe(6)
    frontier.append(leaf(5))
    expect(hex(frontier.root())).toBe(hex(copy.root()))
  })

  it('recomputes the root after an append', () => {
    const frontier = new Frontier()
    frontier.append(leafHashes[0] as Hash)
    expect(hex(frontier.root())).toBe(tree.rootHashesHex[1])
    frontier.append(leafHashes[1] as Hash)
    expect(hex(frontier.root())).toBe(tree.rootHashesHex[2])
  })

  it('refuses wrong hashes and node lists', () => {
    expect(() => new Frontier().append(new Uint8Array(31))).toThrow(
      expect.objectContaining({ code: 'validation_failed' }),
    )
    expect(() => Frontier.fromNodes(3, [leaf(0)])).toThrow(/needs 2 node hashes/)
    expect(() => Frontier.fromNodes(1, [new Uint8Array(8)])).toThrow(/lengths 8/)
    expect(() => Frontier.fromNodes(-1, [])).toThrow(
      expect.objectContaining({ code: 'validation_failed' }),
    )
  })
})
