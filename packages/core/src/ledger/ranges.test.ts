import fc from 'fast-check'
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it, vi } from 'vitest'
import { largestPowerOfTwoBelow } from './bits.js'
import { EMPTY_ROOT, type Hash } from './merkle.js'
import { nodeKey, type LeafRange, type NodeId } from './node-id.js'
import {
  consistencyProof,
  consistencyProofRanges,
  decompose,
  hashRange,
  inclusionProof,
  inclusionProofRanges,
  rootAt,
} from './ranges.js'

const vectors = new URL('../../../../../shared/vectors/', import.meta.url)
const tree = JSON.parse(
  readFileSync(new URL('rfc6962-derived/rfc6962_8leaf_tree.json', vectors), 'utf8'),
) as { rootHashesHex: string[]; nodeHashesHexByLevel: string[][] }
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')

/** The perfect nodes of the RFC 6962 reference tree of 8 leaves, from the vectors. */
const referenceNodes = new Map<string, Hash>(
  tree.nodeHashesHexByLevel.flatMap((level, l) =>
    level.map((h, index) => [nodeKey({ level: l, index }), Buffer.from(h, 'hex')] as const),
  ),
)
const readReference = async (ids: NodeId[]) =>
  ids.map((id) => referenceNodes.get(nodeKey(id)) ?? new Uint8Array(32))

// RFC 9162 §2.1.3.1 and §2.1.4.1 transcribed literally, on ranges instead of hashes.
function referencePath(m: number, begin: number, end: number): LeafRange[] {
  if (end - begin === 1) return []
  const k = largestPowerOfTwoBelow(end - begin)
  return m < k
    ? [...referencePath(m, begin, begin + k), { begin: begin + k, end }]
    : [...referencePath(m - k, begin + k, end), { begin, end: begin + k }]
}
function referenceSubproof(m: number, begin: number, end: number, b: boolean): LeafRange[] {
  if (m === end - begin) return b ? [] : [{ begin, end }]
  const k = largestPowerOfTwoBelow(end - begin)
  return m <= k
    ? [...referenceSubproof(m, begin, begin + k, b), { begin: begin + k, end }]
    : [...referenceSubproof(m - k, begin + k, end, false), { begin, end: begin + k }]
}

const sizes = fc.integer({ min: 1, max: 5000 })

describe('decompose', () => {
  it('splits [0, size) by the set bits of size, largest first', () => {
    expect(decompose(0, 0)).toEqual([])
    expect(decompose(0, 6)).toEqual([
      { level: 2, index: 0 },
      { level: 1, index: 2 },
    ])
    expect(decompose(0, 2 ** 52 + 1)).toEqual([
      { level: 52, index: 0 },
      { level: 0, index: 2 ** 52 },
    ])
  })

  it('splits an inner range into growing then shrinking subtrees', () => {
    expect(decompose(3, 13)).toEqual([
      { level: 0, index: 3 },
      { level: 2, index: 1 },
      { level: 2, index: 2 },
      { level: 0, index: 12 },
    ])
  })

  it('covers the range exactly with the fewest aligned perfect subtrees', () => {
    const range = fc
      .tuple(fc.nat(2 ** 40), fc.nat(2 ** 40))
      .map(([a, b]) => ({ begin: Math.min(a, b), end: Math.max(a, b) }))
    fc.assert(
      fc.property(range, ({ begin, end }) => {
        const nodes = decompose(begin, end)
        let at = begin
        for (const node of nodes) {
          expect(node.index * 2 ** node.level).toBe(at)
          at += 2 ** node.level
        }
        expect(at).toBe(end)
        // Minimal: no two neighbours of one level could merge into their parent.
        nodes.slice(1).forEach((node, i) => {
          const left = nodes[i] as NodeId
          expect(left.level === node.level && left.index % 2 === 0).toBe(false)
        })
      }),
    )
  })

  it('refuses reversed and non-integer ranges', () => {
    expect(() => decompose(5, 4)).toThrow(/before it begins/)
    expect(() => decompose(-1, 4)).toThrow(/whole number/)
    expect(() => decompose(0, 2 ** 53)).toThrow(/whole number/)
    expect(() => decompose(0.5, 4)).toThrow(expect.objectContaining({ code: 'validation_failed' }))
  })
})

describe('inclusionProofRanges', () => {
  it('follows RFC 9162 PATH', () => {
    fc.assert(
      fc.property(
        sizes.chain((size) => fc.tuple(fc.nat(size - 1), fc.constant(size))),
        ([index, size]) => {
          expect(inclusionProofRanges(index, size)).toEqual(referencePath(index, 0, size))
        },
      ),
    )
    expect(inclusionProofRanges(0, 1)).toEqual([])
    expect(inclusionProofRanges(2, 3)).toEqual([{ begin: 0, end: 2 }])
  })

  it('refuses a leaf outside the tree', () => {
    expect(() => inclusionProofRanges(3, 3)).toThrow(/Leaf 3 is not in a tree of 3 leaves/)
    expect(() => inclusionProofRanges(0, 0)).toThrow(
      expect.objectContaining({ code: 'validation_failed' }),
    )
  })
})

describe('consistencyProofRanges', () => {
  it('follows RFC 9162 SUBPROOF', () => {
    fc.assert(
      fc.property(
        sizes.chain((size2) => fc.tuple(fc.integer({ min: 1, max: size2 }), fc.constant(size2))),
        ([size1, size2]) => {
          expect(consistencyProofRanges(size1, size2)).toEqual(
            referenceSubproof(size1, 0, size2, true),
          )
        },
      ),
    )
    expect(consistencyProofRanges(3, 4)).toEqual([
      { begin: 2, end: 3 },
      { begin: 3, end: 4 },
      { begin: 0, end: 2 },
    ])
    expect(consistencyProofRanges(4, 4)).toEqual([])
  })

  it('refuses a proof from the empty tree or to a smaller one', () => {
    expect(() => consistencyProofRanges(0, 4)).toThrow(/0 < earlier size/)
    expect(() => consistencyProofRanges(5, 4)).toThrow(
      expect.objectContaining({ code: 'validation_failed' }),
    )
  })
})

describe('hashRange', () => {
  it('gives the reference roots for every size from 0 to 8', () => {
    for (let size = 0; size <= 8; size++) {
      expect(hex(hashRange({ begin: 0, end: size }, referenceNodes))).toBe(tree.rootHashesHex[size])
    }
    expect(hashRange({ begin: 3, end: 3 }, referenceNodes)).toBe(EMPTY_ROOT)
  })

  it('takes a lookup function as well as a map', () => {
    const lookup = (id: NodeId) => referenceNodes.get(nodeKey(id)) as Hash
    expect(hex(hashRange({ begin: 0, end: 7 }, lookup))).toBe(tree.rootHashesHex[7])
  })

  it('refuses a range whose subtrees do not shrink left to right', () => {
    expect(() => hashRange({ begin: 1, end: 4 }, referenceNodes)).toThrow(/shrink left to right/)
  })

  it('reports a missing node', () => {
    expect(() => hashRange({ begin: 0, end: 16 }, referenceNodes)).toThrow(
      expect.objectContaining({ code: 'internal', message: expect.stringMatching(/4\/0/) }),
    )
  })
})

describe('proofs from stored nodes', () => {
  const happyPaths = <T>(kind: string) =>
    readdirSync(new URL(`transparency-dev-merkle/testdata/${kind}/`, vectors), { recursive: true })
      .map(String)
      .filter((file) => file.endsWith('happy-path.json'))
      .map(
        (file) =>
          JSON.parse(
            readFileSync(
              new URL(`transparency-dev-merkle/testdata/${kind}/${file}`, vectors),
              'utf8',
            ),
          ) as T & { proof: string[] | null },
      )

  it('reproduces every transparency-dev inclusion happy path', async () => {
    const cases = happyPaths<{ leafIdx: number; treeSize: number }>('inclusion')
    expect(cases.length).toBeGreaterThanOrEqual(5)
    for (const c of cases) {
      const proof = await inclusionProof(c.leafIdx, c.treeSize, readReference)
      expect(proof.map((h) => Buffer.from(h).toString('base64'))).toEqual(c.proof ?? [])
    }
  })

  it('reproduces every transparency-dev consistency happy path', async () => {
    const cases = happyPaths<{ size1: number; size2: number }>('consistency')
    expect(cases.length).toBeGreaterThanOrEqual(5)
    for (const c of cases) {
      const proof = await consistencyProof(c.size1, c.size2, readReference)
      expect(proof.map((h) => Buffer.from(h).toString('base64'))).toEqual(c.proof ?? [])
    }
  })

  it('reads all nodes in one call, each node once', async () => {
    const read = vi.fn(readReference)
    await consistencyProof(3, 7, read)
    expect(read).toHaveBeenCalledTimes(1)
    const ids = (read.mock.calls[0]?.[0] ?? []).map(nodeKey)
    expect(new Set(ids).size).toBe(ids.length)
    expect(hex(await rootAt(5, read))).toBe(tree.rootHashesHex[5])
    expect(read).toHaveBeenCalledTimes(2)
  })

  it('does not call the store for the empty tree or equal sizes', async () => {
    const read = vi.fn(readReference)
    expect(await rootAt(0, read)).toBe(EMPTY_ROOT)
    expect(await consistencyProof(5, 5, read)).toEqual([])
    expect(read).not.toHaveBeenCalled()
  })

  it('refuses a store answer of the wrong shape', async () => {
    await expect(rootAt(5, async () => [])).rejects.toThrow(/got 0/)
    await expect(rootAt(5, async (ids) => ids.map(() => new Uint8Array(31)))).rejects.toThrow(
      expect.objectContaining({ code: 'internal' }),
    )
  })

  it('validates its arguments before reading', async () => {
    const read = vi.fn(readReference)
    await expect(inclusionProof(8, 8, read)).rejects.toThrow(
      expect.objectContaining({ code: 'validation_failed' }),
    )
    await expect(consistencyProof(0, 8, read)).rejects.toThrow(
      expect.objectContaining({ code: 'validation_failed' }),
    )
    await expect(rootAt(-1, read)).rejects.toThrow(
      expect.objectContaining({ code: 'validation_failed' }),
    )
    expect(read).not.toHaveBeenCalled()
  })
})
