import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { hashLeaf, type Hash } from './merkle.js'
import { verifyConsistency, verifyInclusion } from './verify-proof.js'

const vectors = new URL('../../../../../shared/vectors/', import.meta.url)
const json = (path: string) => JSON.parse(readFileSync(new URL(path, vectors), 'utf8')) as unknown
const b64 = (text: string): Hash => Buffer.from(text, 'base64')
const hashes = (list: string[] | null) => (list ?? []).map(b64)

/** Every JSON file under a vector directory, with its path for the test name. */
function vectorFiles<T>(dir: string): [string, T][] {
  return readdirSync(new URL(dir, vectors), { recursive: true })
    .map(String)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => [file, json(`${dir}${file}`) as T])
}

/** Any typed verification failure: the vectors say that a case fails, not why. */
const failed = expect.objectContaining({ name: 'VerificationError', code: 'verification_failed' })

interface InclusionVector {
  leafIdx: number
  treeSize: number
  root: string
  leafHash: string
  proof: string[] | null
  wantErr: boolean
}
interface ConsistencyVector {
  size1: number
  size2: number
  root1: string
  root2: string
  proof: string[] | null
  wantErr: boolean
}

describe('transparency-dev/merkle vectors', () => {
  const inclusion = vectorFiles<InclusionVector>('transparency-dev-merkle/testdata/inclusion/')
  const consistency = vectorFiles<ConsistencyVector>(
    'transparency-dev-merkle/testdata/consistency/',
  )

  it('finds all 98 + 98 vector files', () => {
    expect([inclusion.length, consistency.length]).toEqual([98, 98])
  })

  it.each(inclusion)('inclusion %s', (_, v) => {
    const check = () =>
      verifyInclusion(v.leafIdx, v.treeSize, b64(v.leafHash), hashes(v.proof), b64(v.root))
    if (v.wantErr) expect(check).toThrow(failed)
    else expect(check).not.toThrow()
  })

  it.each(consistency)('consistency %s', (_, v) => {
    const check = () =>
      verifyConsistency(v.size1, v.size2, b64(v.root1), b64(v.root2), hashes(v.proof))
    if (v.wantErr) expect(check).toThrow(failed)
    else expect(check).not.toThrow()
  })
})

describe('Certificate Transparency argon2020 (golang.org/x/mod/sumdb/tlog)', () => {
  const dir = 'golang-mod-sumdb/argon2020/'
  const sth = json(`${dir}sth.json`) as { tree_size: number; sha256_root_hash: string }
  const entries = json(`${dir}entries.json`) as { entries: { leaf_input: string }[] }
  const proof = json(`${dir}proof.json`) as { leaf_index: number; audit_path: string[] }
  const consistency = json(`${dir}consistency.json`) as { consistency: string[] }
  const leafHash = hashLeaf(b64(entries.entries[0]?.leaf_input ?? ''))
  const root = b64(sth.sha256_root_hash)
  const oldRoot = b64('AuIZ5V6sDUj1vn3Y1K85oOaQ7y+FJJKtyRTl1edIKBQ=')

  it('verifies the 30-hash inclusion proof of leaf 10000 in 961,984,013 entries', () => {
    expect(proof.audit_path).toHaveLength(30)
    verifyInclusion(proof.leaf_index, sth.tree_size, leafHash, hashes(proof.audit_path), root)
    expect(() =>
      verifyInclusion(10001, sth.tree_size, leafHash, hashes(proof.audit_path), root),
    ).toThrow(expect.objectContaining({ reason: 'INCLUSION_PROOF_INVALID' }))
  })

  it('verifies the 30-hash consistency proof from 3,654,490 entries', () => {
    expect(consistency.consistency).toHaveLength(30)
    verifyConsistency(3654490, sth.tree_size, oldRoot, root, hashes(consistency.consistency))
    expect(() =>
      verifyConsistency(3654490, sth.tree_size, root, root, hashes(consistency.consistency)),
    ).toThrow(expect.objectContaining({ reason: 'CONSISTENCY_PROOF_INVALID' }))
  })
})

describe('failure reasons', () => {
  const tree = json('rfc6962-derived/rfc6962_8leaf_tree.json') as {
    rootHashesHex: string[]
    nodeHashesHexByLevel: string[][]
  }
  const node = (level: number, index: number) =>
    Buffer.from(tree.nodeHashesHexByLevel[level]?.[index] ?? '', 'hex')
  const root = (size: number) => Buffer.from(tree.rootHashesHex[size] ?? '', 'hex')
  const path0 = [node(0, 1), node(1, 1), node(2, 1)]

  it('names what is wrong with an inclusion proof', () => {
    expect(() => verifyInclusion(0, 8, node(0, 0), path0, root(8))).not.toThrow()
    expect(() => verifyInclusion(8, 8, node(0, 0), path0, root(8))).toThrow(
      expect.objectContaining({ reason: 'LEAF_INDEX_OUT_OF_RANGE' }),
    )
    expect(() => verifyInclusion(-1, 8, node(0, 0), path0, root(8))).toThrow(
      expect.objectContaining({ reason: 'LEAF_INDEX_OUT_OF_RANGE' }),
    )
    expect(() => verifyInclusion(0, 2 ** 64, node(0, 0), path0, root(8))).toThrow(
      expect.objectContaining({ reason: 'TREE_SIZE_INVALID' }),
    )
    expect(() => verifyInclusion(0, 8, node(0, 0).subarray(1), path0, root(8))).toThrow(
      expect.objectContaining({ reason: 'HASH_LENGTH_INVALID' }),
    )
    expect(() => verifyInclusion(0, 8, node(0, 0), path0.slice(1), root(8))).toThrow(
      expect.objectContaining({ reason: 'PROOF_LENGTH_INVALID' }),
    )
    expect(() => verifyInclusion(0, 8, node(0, 1), path0, root(8))).toThrow(
      expect.objectContaining({ reason: 'INCLUSION_PROOF_INVALID' }),
    )
  })

  it('names what is wrong with a consistency proof', () => {
    const proof = [node(0, 2), node(0, 3), node(1, 0)]
    expect(() => verifyConsistency(3, 4, root(3), root(4), proof)).not.toThrow()
    expect(() => verifyConsistency(0, 4, root(0), root(4), [])).toThrow(
      expect.objectContaining({ reason: 'TREE_SIZE_INVALID' }),
    )
    expect(() => verifyConsistency(0, 0, root(0), root(0), [])).toThrow(
      expect.objectContaining({ reason: 'TREE_SIZE_INVALID' }),
    )
    expect(() => verifyConsistency(5, 4, root(5), root(4), proof)).toThrow(
      expect.objectContaining({ reason: 'TREE_SIZE_INVALID' }),
    )
    expect(() => verifyConsistency(3, 3, root(3), root(3), proof)).toThrow(
      expect.objectContaining({ reason: 'PROOF_LENGTH_INVALID' }),
    )
    expect(() => verifyConsistency(3, 3, root(3), root(4), [])).toThrow(
      expect.objectContaining({ reason: 'CONSISTENCY_PROOF_INVALID' }),
    )
    expect(() => verifyConsistency(3, 4, root(3), root(4), proof.slice(1))).toThrow(
      expect.objectContaining({ reason: 'PROOF_LENGTH_INVALID' }),
    )
    expect(() => verifyConsistency(3, 4, root(3).subarray(2), root(4), proof)).toThrow(
      expect.objectContaining({ reason: 'HASH_LENGTH_INVALID' }),
    )
    expect(() => verifyConsistency(3, 4, root(2), root(4), proof)).toThrow(
      expect.objectContaining({ reason: 'CONSISTENCY_PROOF_INVALID' }),
    )
    expect(() => verifyConsistency(3, 4, root(3), root(5), proof)).toThrow(
      expect.objectContaining({ reason: 'CONSISTENCY_PROOF_INVALID' }),
    )
  })

  it('says what it checked in a sentence', () => {
    expect(() => verifyInclusion(0, 8, node(0, 0), path0.slice(1), root(8))).toThrow(
      'The proof has 2 hashes; one for leaf 0 of 8 has 3.',
    )
  })
})
