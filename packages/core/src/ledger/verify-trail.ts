import { bytesEqual } from './bytes.js'
import type { Trail } from './entry.js'
import { Frontier } from './frontier.js'
import { hashLeaf, type Hash } from './merkle.js'

/** One stored entry as `verify` reads it. */
export interface TrailRow {
  seq: number
  bytes: string
  leafHash: Uint8Array
}

/** A checkpoint whose signature has already been checked. */
export interface TrustedCheckpoint {
  size: number
  rootHash: Hash
  /** Where it came from, for the report: the database or a file kept elsewhere. */
  source: 'stored' | 'external'
}

export interface TrailReport {
  trail: Trail
  size: number
  rootHash: Hash
  /** The first sequence number that is missing, altered or out of place; absent when intact. */
  firstBadSeq?: number
  /** A sentence saying what is wrong at `firstBadSeq`. */
  problem?: string
  /** The largest checkpoint the trail was checked against, and how many were checked. */
  checkpoint?: { size: number; checked: number }
}

/**
 * Re-verifies one trail from its stored bytes, streaming (ARCHITECTURE §2.4):
 * every row's bytes are re-hashed and compared with the stored leaf hash; the row must be at its
 * place (gap-free `seq` from 1, and the bytes name the same trail and `seq`); the root recomputed
 * at each checkpoint's size must equal the signed root. Catches an edited, deleted, inserted or
 * reordered row and a truncated tail, and names the first bad sequence number.
 *
 * Rows must arrive in ascending `seq` order (ties in storage order).
 */
export class TrailVerifier {
  readonly #trail: Trail
  readonly #frontier = new Frontier()
  readonly #checkpoints: TrustedCheckpoint[]
  #nextCheckpoint = 0
  /** The tree can no longer be rebuilt past a missing, misplaced or altered row. */
  #broken = false
  #lastSeq = 0
  #lastGood = 0
  #firstBad: { seq: number; problem: string } | undefined
  #checked = 0

  constructor(trail: Trail, checkpoints: TrustedCheckpoint[]) {
    this.#trail = trail
    this.#checkpoints = [...checkpoints].sort((a, b) => a.size - b.size)
  }

  /** False once the first problem is found (later rows cannot change the answer). */
  get healthy(): boolean {
    return this.#firstBad === undefined
  }

  /** Rows pushed and hashed into the tree so far. */
  get size(): number {
    return this.#frontier.size
  }

  push(row: TrailRow): void {
    this.pushHashed(row, hashLeaf(Buffer.from(row.bytes, 'utf8')))
  }

  /** `push` with the leaf hash of `row.bytes` already computed (by a pool of hashers). */
  pushHashed(row: TrailRow, leaf: Uint8Array): void {
    if (this.#broken) return void (this.#lastSeq = Math.max(this.#lastSeq, row.seq))
    const leafOk = bytesEqual(leaf, row.leafHash)
    this.pushChecked(row.seq, leaf, leafOk, leafOk && row.bytes.includes(`"seq":${row.seq},`) && row.bytes.includes(`"trail":"${this.#trail}"`))
  }

  /**
   * `push` of a row already hashed and checked elsewhere (worker threads): `leafOk`, its bytes
   * hash to its stored leaf hash; `placeOk`, its bytes name this trail and `seq`.
   */
  pushChecked(seq: number, leaf: Uint8Array, leafOk: boolean, placeOk: boolean): void {
    this.#lastSeq = Math.max(this.#lastSeq, seq)
    if (this.#broken) return
    const expected = this.#frontier.size + 1
    if (seq !== expected) {
      const problem =
        seq > expected
          ? `Entries ${expected}–${seq - 1} are missing: the sequence has a gap (rows deleted).`
          : `Entry ${seq} appears twice or out of order (a row was inserted or renumbered).`
      this.#fail(seq > expected ? expected : seq, problem)
      this.#broken = true
      return
    }
    if (!leafOk) {
      this.#fail(seq, `Entry ${seq} was altered: its stored bytes no longer hash to its leaf hash.`)
      this.#broken = true
      return
    }
    if (!placeOk) {
      this.#fail(seq, `Entry ${seq} is out of place: its bytes belong to another position or trail (rows reordered).`)
      this.#broken = true
      return
    }
    this.#frontier.append(leaf)
    this.#checkAt(this.#frontier.size)
  }

  finish(): TrailReport {
    const size = this.#frontier.size
    if (!this.#broken) {
      const beyond = this.#checkpoints.find((c) => c.size > size)
      if (beyond) {
        this.#fail(
          size + 1,
          `The trail ends at entry ${size}, but a signed checkpoint (${beyond.source}) covers ${beyond.size} entries: the tail was removed.`,
        )
      }
    }
    const report: TrailReport = { trail: this.#trail, size: Math.max(size, this.#lastSeq), rootHash: this.#frontier.root() }
    if (this.#firstBad) {
      report.firstBadSeq = this.#firstBad.seq
      report.problem = this.#firstBad.problem
    }
    const covered = this.#checkpoints.filter((c) => c.size <= size)
    if (covered.length > 0) report.checkpoint = { size: covered.at(-1)!.size, checked: this.#checked }
    return report
  }

  #checkAt(size: number): void {
    const list = this.#checkpoints
    while (this.#nextCheckpoint < list.length && list[this.#nextCheckpoint]!.size <= size) {
      const cp = list[this.#nextCheckpoint++]!
      if (cp.size < size) continue
      this.#checked += 1
      if (!bytesEqual(cp.rootHash, this.#frontier.root())) {
        this.#fail(
          this.#lastGood + 1,
          `The entries after ${this.#lastGood} do not hash to the signed checkpoint of size ${size} (${cp.source}): entries and their hashes were rewritten together.`,
        )
        return
      }
      this.#lastGood = size
    }
  }

  /** Records a problem found by a check outside this class (`--deep` index checks). */
  flag(seq: number, problem: string): void {
    this.#fail(seq, problem)
  }

  #fail(seq: number, problem: string): void {
    if (!this.#firstBad || seq < this.#firstBad.seq) this.#firstBad = { seq, problem }
  }
}
