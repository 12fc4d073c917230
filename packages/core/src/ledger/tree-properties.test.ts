// End-to-end properties of the ledger's tree code: a Frontier stores perfect nodes, proofs are
// built from them, and the verifier accepts exactly those proofs.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { bitLength, isPowerOfTwo, largestPowerOfTwoBelow } from './bits.js'
import { Frontier } from './frontier.js'
import { EMPTY_ROOT, hashChildren, hashLeaf, type Hash } from './merkle.js'
import { nodeKey, type NodeId } from './node-id.js'
import { consistencyProof, inclusionProof, rootAt, type ReadNodes } from './ranges.js'
import { verifyConsistency, verifyInclusion } from './verify-proof.js'

/** RFC 6962 §2.1 MTH, straight from the definition, splitting at `split` for perfect ranges. */
function mth(
  begin: number,
  end: number,
  leaf: (i: number) => Hash,
  perfect?: (b: number, e: number) => Hash | undefined,
): Hash {
  if (end === begin) return EMPTY_ROOT
  if (end - begin === 1) return leaf(begin)
  const known = perfect?.(begin, end)
  if (known) return known
  const k = largestPowerOfTwoBelow(end - begin)
  return hashChildren(mth(begin, begin + k, leaf, perfect), mth(begin + k, end, leaf, perfect))
}

const MAX = 2000
const leaves = Array.from({ length: MAX }, (_, i) =>
  hashLeaf(new TextEncoder().encode(`entry ${i}`)),
)
const stored = new Map<string, Hash>()
const roots: Hash[] = [EMPTY_ROOT]
const frontier = new Frontier()
for (const leaf of leaves) {
  for (const node of frontier.append(leaf)) stored.set(nodeKey(node), node.hash)
  roots.push(frontier.root())
}
const readStored: ReadNodes = async (ids) => ids.map((id) => stored.get(nodeKey(id)) as Hash)

const size = fc.integer({ min: 1, max: MAX })
const leafInTree = size.chain((n) => fc.tuple(fc.nat(n - 1), fc.constant(n)))
const sizePair = size.chain((n) => fc.tuple(fc.integer({ min: 1, max: n }), fc.constant(n)))

function flipBit(hash: Hash, bit: number): Hash {
  const copy = Uint8Array.from(hash)
  copy[bit >> 3] = (copy[bit >> 3] as number) ^ (1 << (bit & 7))
  return copy
}

describe('trees of up to 2000 leaves', () => {
  it('rootAt and the Frontier agree with the recursive MTH at every size', async () => {
    for (const n of [0, 1, 2, 3, 7, 8, 9, 1023, 1024, 1025, MAX]) {
      const expected = Buffer.from(mth(0, n, (i) => leaves[i] as Hash))
      expect(Buffer.from(roots[n] as Hash)).toEqual(expected)
      expect(Buffer.from(await rootAt(n, readStored))).toEqual(expected)
    }
    await fc.assert(
      fc.asyncProperty(size, async (n) => {
        const expected = Buffer.from(mth(0, n, (i) => leaves[i] as Hash))
        expect(Buffer.from(roots[n] as Hash)).toEqual(expected)
        expect(Buffer.from(await rootAt(n, readStored))).toEqual(expected)
      }),
    )
  })

  it('every inclusion proof verifies against the root at its size', async () => {
    await fc.assert(
      fc.asyncProperty(leafInTree, async ([index, n]) => {
        const proof = await inclusionProof(index, n, readStored)
        verifyInclusion(index, n, leaves[index] as Hash, proof, roots[n] as Hash)
      }),
      { numRuns: 500 },
    )
  })

  it('every consistency proof verifies against the roots at both sizes', async () => {
    await fc.assert(
      fc.asyncProperty(sizePair, async ([m, n]) => {
        const proof = await consistencyProof(m, n, readStored)
        verifyConsistency(m, n, roots[m] as Hash, roots[n] as Hash, proof)
      }),
      { numRuns: 500 },
    )
  })

  it('all proofs in small trees verify', async () => {
    for (let n = 1; n <= 64; n++) {
      for (let i = 0; i < n; i++) {
        verifyInclusion(
          i,
          n,
          leaves[i] as Hash,
          await inclusionProof(i, n, readStored),
          roots[n] as Hash,
        )
      }
      for (let m = 1; m <= n; m++) {
        verifyConsistency(
          m,
          n,
          roots[m] as Hash,
          roots[n] as Hash,
          await consistencyProof(m, n, readStored),
        )
      }
    }
  })

  it('flipping any bit of the leaf, a proof hash or the root fails an inclusion proof', async () => {
    await fc.assert(
      fc.asyncProperty(leafInTree, async ([index, n]) => {
        const proof = await inclusionProof(index, n, readStored)
        const leaf = leaves[index] as Hash
        const root = roots[n] as Hash
        for (let bit = 0; bit < 256; bit++) {
          expect(() => verifyInclusion(index, n, flipBit(leaf, bit), proof, root)).toThrow(
            expect.objectContaining({ code: 'verification_failed' }),
          )
          expect(() => verifyInclusion(index, n, leaf, proof, flipBit(root, bit))).toThrow(
            expect.objectContaining({ code: 'verification_failed' }),
          )
          proof.forEach((hash, p) => {
            const bad = proof.map((h, q) => (q === p ? flipBit(hash, bit) : h))
            expect(() => verifyInclusion(index, n, leaf, bad, root)).toThrow(
              expect.objectContaining({ code: 'verification_failed' }),
            )
          })
        }
      }),
      { numRuns: 8 },
    )
  })

  it('flipping any bit of either root or a proof hash fails a consistency proof', async () => {
    await fc.assert(
      fc.asyncProperty(
        sizePair.filter(([m, n]) => m < n),
        async ([m, n]) => {
          const proof = await consistencyProof(m, n, readStored)
          const [root1, root2] = [roots[m] as Hash, roots[n] as Hash]
          for (let bit = 0; bit < 256; bit++) {
            expect(() => verifyConsistency(m, n, flipBit(root1, bit), root2, proof)).toThrow(
              expect.objectContaining({ code: 'verification_failed' }),
            )
            expect(() => verifyConsistency(m, n, root1, flipBit(root2, bit), proof)).toThrow(
              expect.objectContaining({ code: 'verification_failed' }),
            )
            proof.forEach((hash, p) => {
              const bad = proof.map((h, q) => (q === p ? flipBit(hash, bit) : h))
              expect(() => verifyConsistency(m, n, root1, root2, bad)).toThrow(
                expect.objectContaining({ code: 'verification_failed' }),
              )
            })
          }
        },
      ),
      { numRuns: 8 },
    )
  })

  it('a proof does not verify for another leaf index or tree size', async () => {
    await fc.assert(
      fc.asyncProperty(
        leafInTree,
        fc.nat(MAX - 1),
        size,
        async ([index, n], otherIndex, otherSize) => {
          const proof = await inclusionProof(index, n, readStored)
          const leaf = leaves[index] as Hash
          if (otherIndex !== index) {
            expect(() => verifyInclusion(otherIndex, n, leaf, proof, roots[n] as Hash)).toThrow(
              expect.objectContaining({ code: 'verification_failed' }),
            )
          }
          if (otherSize !== n) {
            expect(() =>
              verifyInclusion(index, otherSize, leaf, proof, roots[otherSize] as Hash),
            ).toThrow(expect.objectContaining({ code: 'verification_failed' }))
          }
        },
      ),
      { numRuns: 500 },
    )
    await fc.assert(
      fc.asyncProperty(sizePair, size, async ([m, n], other) => {
        const proof = await consistencyProof(m, n, readStored)
        if (other !== m) {
          expect(() =>
            verifyConsistency(other, n, roots[other] as Hash, roots[n] as Hash, proof),
          ).toThrow(expect.objectContaining({ code: 'verification_failed' }))
        }
        if (other !== n) {
          expect(() =>
            verifyConsistency(m, other, roots[m] as Hash, roots[other] as Hash, proof),
          ).toThrow(expect.objectContaining({ code: 'verification_failed' }))
        }
      }),
      { numRuns: 500 },
    )
  })
})

describe('sparse trees of up to 2^53 − 1 leaves', () => {
  // Every leaf is the same except a few marked ones, so any subtree without a mark has a hash
  // known per level, and hashes of huge trees cost O(log n) per mark.
  const blank: Hash[] = [hashLeaf(new Uint8Array(0))]
  for (let level = 1; level <= 53; level++)
    blank.push(hashChildren(blank[level - 1] as Hash, blank[level - 1] as Hash))

  function sparseTree(marks: ReadonlyMap<number, Hash>) {
    const cache = new Map<string, Hash>()
    const node = (id: NodeId): Hash => {
      const width = 2 ** id.level
      const begin = id.index * width
      if (![...marks.keys()].some((i) => i >= begin && i < begin + width))
        return blank[id.level] as Hash
      if (id.level === 0) return marks.get(begin) as Hash
      const key = nodeKey(id)
      let hash = cache.get(key)
      if (!hash) {
        hash = hashChildren(
          node({ level: id.level - 1, index: 2 * id.index }),
          node({ level: id.level - 1, index: 2 * id.index + 1 }),
        )
        cache.set(key, hash)
      }
      return hash
    }
    const leaf = (i: number) => node({ level: 0, index: i })
    const perfect = (begin: number, end: number) => {
      const width = end - begin
      return isPowerOfTwo(width) && begin % width === 0
        ? node({ level: bitLength(width) - 1, index: begin / width })
        : undefined
    }
    return {
      read: (async (ids) => ids.map(node)) as ReadNodes,
      root: (n: number) => mth(0, n, leaf, perfect),
    }
  }

  const huge = fc.oneof(
    fc.integer({ min: 2, max: Number.MAX_SAFE_INTEGER }),
    fc.integer({ min: 33, max: 53 }).map((e) => 2 ** e - 1),
    fc.integer({ min: 32, max: 52 }).map((e) => 2 ** e),
    fc.integer({ min: 32, max: 52 }).map((e) => 2 ** e + 1),
  )

  it('proves inclusion and consistency across sizes beyond 32 bits', async () => {
    await fc.assert(
      fc.asyncProperty(
        huge.chain((n) =>
          fc.tuple(fc.constant(n), fc.integer({ min: 1, max: n }), fc.nat(n - 1), fc.nat(n - 1)),
        ),
        async ([n, m, index, other]) => {
          const marked = hashLeaf(new TextEncoder().encode(`marked ${index}`))
          const marks = new Map([[index, marked]])
          if (other !== index) marks.set(other, hashLeaf(Uint8Array.of(7)))
          const tree = sparseTree(marks)
          const root = tree.root(n)
          expect(Buffer.from(await rootAt(n, tree.read))).toEqual(Buffer.from(root))
          const proof = await inclusionProof(index, n, tree.read)
          verifyInclusion(index, n, marked, proof, root)
          if (other !== index)
            expect(() => verifyInclusion(other, n, marked, proof, root)).toThrow(
              expect.objectContaining({ code: 'verification_failed' }),
            )
          verifyConsistency(m, n, tree.root(m), root, await consistencyProof(m, n, tree.read))
        },
      ),
      { numRuns: 100 },
    )
  })

  it('handles the largest safe tree', async () => {
    const n = Number.MAX_SAFE_INTEGER
    const [first, last] = [hashLeaf(Uint8Array.of(1)), hashLeaf(Uint8Array.of(2))]
    const tree = sparseTree(
      new Map([
        [0, first],
        [n - 1, last],
      ]),
    )
    const root = tree.root(n)
    expect(Buffer.from(await rootAt(n, tree.read))).toEqual(Buffer.from(root))
    const firstProof = await inclusionProof(0, n, tree.read)
    const lastProof = await inclusionProof(n - 1, n, tree.read)
    expect([firstProof.length, lastProof.length]).toEqual([53, 52])
    verifyInclusion(0, n, first, firstProof, root)
    verifyInclusion(n - 1, n, last, lastProof, root)
    verifyConsistency(n - 1, n, tree.root(n - 1), root, await consistencyProof(n - 1, n, tree.read))
    verifyConsistency(
      2 ** 52,
      n,
      tree.root(2 ** 52),
      root,
      await consistencyProof(2 ** 52, n, tree.read),
    )
  })
})
