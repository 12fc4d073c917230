import { VeritrailError } from '../errors.js'
import type { Trail } from '../ledger/entry.js'
import type { Hash } from '../ledger/merkle.js'
import { nodeKey, type NodeId } from '../ledger/node-id.js'
import { decompose, hashRange, inclusionProofRanges } from '../ledger/ranges.js'
import { treeNodes } from '../store/queries/export.js'
import type { ReadExecutor } from '../store/types.js'

/**
 * Inclusion proofs (RFC 9162 §2.1.3) of many entries of one trail against one frozen tree size,
 * a batch at a time: the perfect-subtree nodes every proof of the batch needs are worked out
 * first and read in one go (neighbouring entries share most of them), so a proof costs a few map
 * look-ups, not a database round trip, and memory is bounded by the batch.
 */
export class InclusionProofs {
  constructor(
    private readonly db: ReadExecutor,
    readonly trail: Trail,
    readonly size: number,
  ) {}

  /** The audit paths of entries `seqs` (leaf `seq − 1`) in the tree of `size` entries, in order. */
  async proofs(seqs: readonly number[]): Promise<Hash[][]> {
    const paths = seqs.map((seq) => {
      if (!Number.isSafeInteger(seq) || seq < 1 || seq > this.size) {
        throw new VeritrailError('validation_failed', `Entry ${seq} is not in the ${this.trail} trail's tree of ${this.size} entries.`)
      }
      return inclusionProofRanges(seq - 1, this.size)
    })
    const wanted = new Map<string, NodeId>()
    for (const ranges of paths) {
      for (const range of ranges) for (const id of decompose(range.begin, range.end)) wanted.set(nodeKey(id), id)
    }
    const nodes = await treeNodes(this.db, this.trail, [...wanted.values()])
    return paths.map((ranges) => ranges.map((range) => hashRange(range, nodes)))
  }
}
