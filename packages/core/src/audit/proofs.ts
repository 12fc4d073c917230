import { VeritrailError } from '../errors.js'
import type { Ledger } from '../ledger/ledger.js'
import type { Trail } from '../ledger/entry.js'
import { consistencyProof, inclusionProof } from '../ledger/ranges.js'
import type { StoreReads } from '../store/types.js'

const b64 = (h: Uint8Array) => Buffer.from(h).toString('base64')

function trailOf(value: unknown): Trail {
  if (value === 'data' || value === 'system') return value
  throw new VeritrailError('validation_failed', 'Name the trail: data or system.', { errors: [{ path: 'trail', message: 'Use data or system.' }] })
}

function size(name: string, value: unknown, min: number): number {
  const n = typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : typeof value === 'number' ? value : NaN
  if (!Number.isSafeInteger(n) || n < min) {
    throw new VeritrailError('validation_failed', `${name} must be a whole number ≥ ${min}.`, { errors: [{ path: name, message: `A whole number ≥ ${min}.` }] })
  }
  return n
}

/** Signed checkpoints and RFC 6962 / 9162 proofs over the stored tree nodes (CONTRACT §5). */
export class ProofService {
  constructor(
    private readonly ledger: Ledger,
    private readonly reads: StoreReads,
  ) {}

  /** The current head of a trail, signed on demand: `{origin, size, rootHash, note}`. */
  async checkpoint(trailInput: unknown) {
    const head = await this.ledger.signedHead(trailOf(trailInput))
    return { origin: head.origin, size: head.size, rootHash: b64(head.rootHash), note: head.note }
  }

  /** Inclusion proof of entry `seq` in the tree of `size` entries (default: the current size). */
  async inclusion(trailInput: unknown, seqInput: unknown, sizeInput: unknown) {
    const trail = trailOf(trailInput)
    const current = await this.reads.trailSize(trail)
    const seq = size('seq', seqInput, 1)
    const treeSize = sizeInput === undefined || sizeInput === '' ? current : size('size', sizeInput, 1)
    if (treeSize > current) throw new VeritrailError('not_found', `The ${trail} trail has ${current} entries, not ${treeSize}.`)
    if (seq > treeSize) throw new VeritrailError('validation_failed', `Entry ${seq} is not in a tree of ${treeSize} entries.`, { errors: [{ path: 'seq', message: `At most ${treeSize}.` }] })
    const hashes = await inclusionProof(seq - 1, treeSize, (ids) => this.reads.nodes(trail, ids))
    return { leafIndex: seq - 1, treeSize, hashes: hashes.map(b64) }
  }

  /** Consistency proof from size `from` to size `to` (default: the current size). */
  async consistency(trailInput: unknown, fromInput: unknown, toInput: unknown) {
    const trail = trailOf(trailInput)
    const current = await this.reads.trailSize(trail)
    const from = size('from', fromInput, 1)
    const to = toInput === undefined || toInput === '' ? current : size('to', toInput, 1)
    if (to > current) throw new VeritrailError('not_found', `The ${trail} trail has ${current} entries, not ${to}.`)
    if (from > to) throw new VeritrailError('validation_failed', '`from` must not be larger than `to`.', { errors: [{ path: 'from', message: `At most ${to}.` }] })
    const hashes = await consistencyProof(from, to, (ids) => this.reads.nodes(trail, ids))
    return { from, to, hashes: hashes.map(b64) }
  }
}
