import { canonicalJson } from '../canonical/canonical-json.js'
import type { Store } from '../store/store.js'
import type { AppendRows, CheckpointRow, StoreReads, WriteTx } from '../store/types.js'
import { signCheckpoint } from './checkpoint.js'
import { isoTime } from './clock.js'
import {
  ENTRY_FORMAT_VERSION,
  TRAILS,
  type Actor,
  type CommittedEntry,
  type Entry,
  type EntryDraft,
  type Trail,
} from './entry.js'
import { Frontier } from './frontier.js'
import { hashLeaf } from './merkle.js'
import type { SignerKey } from './note.js'
import { decompose, rootAt } from './ranges.js'
import { searchText } from './search-text.js'

/** What a write produces: entries to append, rows to insert beside them, and the caller's answer. */
export interface Change<T> {
  entries: EntryDraft[]
  /** Rows for other append-only tables, built once the entries have their `seq` and `ts`. */
  rows?: (committed: CommittedEntry[]) => AppendRows
  result: (committed: CommittedEntry[]) => T
}

export interface LedgerOptions {
  store: Store
  /** `<install-id>`; the checkpoint origin of a trail is `<install-id>/<trail>`. */
  installId: string
  signer: SignerKey
  /** The site's IANA zone at write time. */
  timeZone: () => string
  /** The system account that signs clock events. */
  systemActor: Actor
  now?: () => number
  checkpointIntervalMs?: number
}

/** A signed tree head. */
export interface SignedHead {
  trail: Trail
  origin: string
  size: number
  rootHash: Uint8Array
  note: string
}

/**
 * The one write path (ARCHITECTURE §2.1): every change and its audit entries commit in the same
 * transaction of the group-commit writer. Inside it the ledger assigns each entry its per-trail
 * sequence number and server time, produces the canonical bytes once, hashes them, extends the
 * trail's Merkle tree (storing every new perfect-subtree hash) and indexes the text.
 */
export class Ledger {
  readonly #opts: Required<LedgerOptions>
  readonly #frontiers = new Map<Trail, { frontier: Frontier; generation: number }>()
  #lastMs: number
  readonly #grown = new Set<Trail>()
  #timer: NodeJS.Timeout | undefined
  #checkpointing: Promise<unknown> = Promise.resolve()

  private constructor(opts: LedgerOptions, lastMs: number) {
    this.#opts = { now: Date.now, checkpointIntervalMs: 1000, ...opts }
    this.#lastMs = lastMs
    this.#timer = setInterval(() => this.#checkpointIfGrown(), this.#opts.checkpointIntervalMs)
    this.#timer.unref()
  }

  static async open(opts: LedgerOptions): Promise<Ledger> {
    const last = await opts.store.read.lastEntryTs()
    return new Ledger(opts, last === null ? 0 : Date.parse(last))
  }

  get installId(): string {
    return this.#opts.installId
  }

  /** The site's IANA zone now (stamped on entries and signatures). */
  timeZone(): string {
    return this.#opts.timeZone()
  }

  origin(trail: Trail): string {
    return `${this.#opts.installId}/${trail}`
  }

  /**
   * Runs `prepare` inside the writer transaction (its reads see every earlier write, committed
   * or in the same group), then appends its entries and rows atomically. Throwing from
   * `prepare` writes nothing.
   */
  commit<T>(prepare: (tx: WriteTx) => Promise<Change<T>>): Promise<T> {
    return this.#opts.store.write(async (tx) => this.apply(tx, await prepare(tx)))
  }

  /**
   * Appends a change inside a job that is already running in the writer transaction, so one
   * job can write several changes atomically (an ingest batch), each seeing the ones before.
   */
  async apply<T>(tx: WriteTx, change: Change<T>): Promise<T> {
    const committed = await this.#append(tx, change.entries)
    const rows = change.rows?.(committed)
    if (rows) await tx.appendRows(rows)
    return change.result(committed)
  }

  /** Appends entries that need no other rows. */
  append(entries: EntryDraft[]): Promise<CommittedEntry[]> {
    return this.commit(async () => ({ entries, result: (c) => c }))
  }

  async #append(tx: WriteTx, drafts: EntryDraft[]): Promise<CommittedEntry[]> {
    if (drafts.length === 0) return []
    const trails = [...new Set(['system' as Trail, ...drafts.map((d) => d.trail)])]
    const saved = new Map<Trail, Frontier>()
    for (const trail of trails) saved.set(trail, (await this.#frontier(tx, trail)).clone())
    const lastMs = this.#lastMs
    try {
      return await this.#appendSynced(tx, this.#withClockCheck(drafts))
    } catch (error) {
      for (const [trail, frontier] of saved) {
        this.#frontiers.set(trail, { frontier, generation: tx.generation })
      }
      this.#lastMs = lastMs
      throw error
    }
  }

  /** A clock that moved backwards against the last entry is itself an audit event (§2.6). */
  #withClockCheck(drafts: EntryDraft[]): EntryDraft[] {
    const now = this.#opts.now()
    const previous = this.#lastMs
    this.#lastMs = now
    if (now >= previous) return drafts
    const first = drafts[0]!
    return [
      {
        trail: 'system',
        actor: this.#opts.systemActor,
        action: 'clock_change',
        correlationId: first.correlationId,
        client: { ip: '', userAgent: 'veritrail-server' },
        details: {
          previousEntryTs: isoTime(previous),
          serverTs: isoTime(now),
          backwardsMs: previous - now,
        },
      },
      ...drafts,
    ]
  }

  async #appendSynced(tx: WriteTx, drafts: EntryDraft[]): Promise<CommittedEntry[]> {
    const tz = this.#opts.timeZone()
    const ts = isoTime(this.#lastMs)
    const next = new Map<Trail, number>()
    const frontiers = new Map<Trail, Frontier>()
    for (const d of drafts) {
      if (!frontiers.has(d.trail)) {
        const f = await this.#frontier(tx, d.trail)
        frontiers.set(d.trail, f)
        next.set(d.trail, f.size + 1)
      }
    }
    // Canonicalise everything before touching the trees, so a refused value changes nothing.
    const built = drafts.map((draft) => {
      const seq = next.get(draft.trail)!
      next.set(draft.trail, seq + 1)
      const { searchText: extra, ...fields } = draft
      const entry: Entry = { ...fields, v: ENTRY_FORMAT_VERSION, seq, ts, tz }
      const bytes = canonicalJson(entry)
      return { entry, bytes, extra }
    })
    const committed: CommittedEntry[] = []
    const nodes = new Map<Trail, { level: number; index: number; hash: Uint8Array }[]>()
    for (const { entry, bytes } of built) {
      const leafHash = hashLeaf(Buffer.from(bytes, 'utf8'))
      const created = frontiers.get(entry.trail)!.append(leafHash)
      const list = nodes.get(entry.trail) ?? []
      for (const node of created) if (node.level > 0) list.push(node)
      nodes.set(entry.trail, list)
      committed.push({ trail: entry.trail, seq: entry.seq, ts, bytes, leafHash })
      this.#grown.add(entry.trail)
    }
    await tx.appendEntries(
      built.map(({ entry, bytes, extra }, i) => ({
        trail: entry.trail,
        seq: entry.seq,
        bytes,
        leafHash: committed[i]!.leafHash,
        ts,
        action: entry.action,
        actorId: entry.actor.id,
        recordType: entry.target?.type ?? null,
        recordId: entry.target?.id ?? null,
        correlationId: entry.correlationId,
        searchText: searchText(entry, extra),
      })),
    )
    for (const [trail, list] of nodes) await tx.appendNodes(trail, list)
    return committed
  }

  /** The trail's frontier, re-read from the database when another writer moved the tree. */
  async #frontier(tx: WriteTx, trail: Trail): Promise<Frontier> {
    const cached = this.#frontiers.get(trail)
    if (cached && cached.generation === tx.generation) return cached.frontier
    const size = await tx.trailSize(trail)
    let frontier = cached?.frontier
    if (!frontier || frontier.size !== size) frontier = await loadFrontier(tx, trail, size)
    this.#frontiers.set(trail, { frontier, generation: tx.generation })
    return frontier
  }

  /** Signs the current head of a trail on demand (not stored). */
  async signedHead(trail: Trail, reads: StoreReads = this.#opts.store.read): Promise<SignedHead> {
    const size = await reads.trailSize(trail)
    const rootHash = await rootAt(size, (ids) => reads.nodes(trail, ids))
    const origin = this.origin(trail)
    const note = signCheckpoint({ origin, size, rootHash }, this.#opts.signer)
    return { trail, origin, size, rootHash, note }
  }

  /**
   * Stores a signed checkpoint for every trail that grew since its last one. Runs at most about
   * once a second while trails grow, and at shutdown.
   */
  persistCheckpoints(): Promise<CheckpointRow[]> {
    const run = this.#checkpointing.then(() =>
      this.#opts.store.write(async (tx) => {
        const rows: CheckpointRow[] = []
        for (const trail of TRAILS) {
          const origin = this.origin(trail)
          const frontier = await this.#frontier(tx, trail)
          const latest = await tx.latestCheckpoint(trail)
          if (frontier.size === 0 || (latest && latest.origin === origin && latest.size >= frontier.size)) {
            continue
          }
          const rootHash = frontier.root()
          const note = signCheckpoint({ origin, size: frontier.size, rootHash }, this.#opts.signer)
          rows.push({
            trail,
            origin,
            size: frontier.size,
            rootHash,
            keyId: this.#opts.signer.keyIdHex,
            note,
            ts: isoTime(this.#opts.now()),
          })
        }
        await tx.appendRows({ checkpoints: rows })
        return rows
      }),
    )
    this.#checkpointing = run.catch(() => undefined)
    return run
  }

  #checkpointIfGrown(): void {
    if (this.#grown.size === 0) return
    this.#grown.clear()
    this.persistCheckpoints().catch(() => {
      for (const trail of TRAILS) this.#grown.add(trail)
    })
  }

  /** Stops the checkpoint timer and stores final checkpoints. */
  async close(): Promise<void> {
    clearInterval(this.#timer)
    await this.#checkpointing
    await this.persistCheckpoints()
  }
}

async function loadFrontier(reads: StoreReads, trail: Trail, size: number): Promise<Frontier> {
  const ids = decompose(0, size)
  const hashes = await reads.nodes(trail, ids)
  return Frontier.fromNodes(size, hashes)
}
