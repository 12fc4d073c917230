import type { Entry, Trail } from '../../ledger/entry.js'
import { connectReadOnly } from '../../store/libsql/connect.js'
import { LibsqlReads } from '../../store/libsql/reads.js'
import { entryPage } from '../../store/queries/review.js'
import { keyedEntryPage } from '../../store/queries/review-pages.js'
import type { StoreReads } from '../../store/types.js'
import { runInWorker } from '../../worker/run-in-worker.js'
import { createRuleContext } from './context.js'
import { PREPARED_FACTS, prepareBatch, seedFacts, type BatchEntry, type PreparableContext, type PreparedFacts } from './prepare.js'

// Reading a large scope's stored entries costs about as much as parsing them. A worker thread
// reads pages over a read-only connection of its own and posts their entries' bytes, while this
// thread parses and evaluates; asked to, it also prefetches for each page what code rules will ask
// the context (signatures, versions), from the entries' columns. Page k holds the seqs
// (after + k·size, after + (k+1)·size]; each page is claimed once, by the worker or by this thread,
// through a SharedArrayBuffer: this thread reads a page itself when the worker has not claimed it
// yet (while the worker starts), and the worker stays at most AHEAD pages ahead. The buffer also
// carries a stop flag.

/** [next page to claim, pages taken by this thread, stop] */
const NEXT = 0
const TAKEN = 1
const STOP = 2
/** Pages the worker may read ahead. */
const AHEAD = 3

type WaitAsync = (view: Int32Array, index: number, value: number, timeout?: number) => { async: boolean; value: Promise<string> | string }
const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync

/** What this thread asks the reader for (structured-cloneable). */
export interface ScopePagesRequest {
  url: string
  trail: Trail
  /** Entries with `afterSeq < seq ≤ toSeq`. */
  afterSeq: number
  toSeq: number
  pageSize: number
  /** Prefetch for each page as the review context's `PREPARE` does. */
  prefetch: boolean
  flags: SharedArrayBuffer
}

/** Page `index`: its entries' stored bytes, and the prefetch for them. */
export interface ScopePage {
  index: number
  /** One string per entry: one string per page would be a large object the main thread's GC moves. */
  bytes: string[]
  /** What the page's entries will make code rules ask (each record's facts sent once). */
  facts?: PreparedFacts
}

/** The worker's side (`runInWorker(SCOPE_PAGES_MODULE, 'readScopePages', [request])`). */
export async function readScopePages(request: ScopePagesRequest, post: (page: ScopePage) => void): Promise<number> {
  const view = new Int32Array(request.flags)
  // Atomics.waitAsync alone does not keep a worker's event loop alive.
  const alive = setInterval(() => undefined, 1000)
  try {
    const connection = await connectReadOnly(request.url)
    try {
      const reads = new LibsqlReads(connection)
      const ctx = request.prefetch ? (createRuleContext(reads, { trail: request.trail }) as PreparableContext) : undefined
      const sent = { signatures: new Set<string>(), versionMeta: new Set<string>() }
      let pages = 0
      for (;;) {
        for (let ahead = Atomics.load(view, NEXT) - Atomics.load(view, TAKEN); ahead >= AHEAD; ahead = Atomics.load(view, NEXT) - Atomics.load(view, TAKEN)) {
          if (Atomics.load(view, STOP) === 1) return pages
          const taken = Atomics.load(view, TAKEN)
          const waited = waitAsync(view, TAKEN, taken, 1000)
          if (waited.async) await waited.value
        }
        if (Atomics.load(view, STOP) === 1) return pages
        const index = Atomics.add(view, NEXT, 1)
        const from = request.afterSeq + index * request.pageSize
        if (from >= request.toSeq) return pages
        const page = await keyedEntryPage(reads.sql, request.trail, from, Math.min(request.toSeq, from + request.pageSize), request.pageSize)
        const facts = ctx && (await prefetch(ctx, page, sent))
        post({ index, bytes: page.map((row) => row.bytes), ...(facts ? { facts } : {}) })
        pages++
      }
    } finally {
      connection.close()
    }
  } finally {
    clearInterval(alive)
  }
}

/** Prefetches for a page and answers what was not sent before. */
async function prefetch(ctx: PreparableContext, page: Awaited<ReturnType<typeof keyedEntryPage>>, sent: Record<keyof PreparedFacts, Set<string>>): Promise<PreparedFacts> {
  const batch: BatchEntry[] = page.map((row) => ({
    seq: row.seq,
    action: row.action,
    ...(row.recordType !== null && row.recordId !== null ? { target: { type: row.recordType, id: row.recordId } } : {}),
  }))
  await prepareBatch(ctx, batch)
  const facts = ctx[PREPARED_FACTS](batch)
  const fresh = <T>(list: [string, T][], done: Set<string>) =>
    list.filter(([k]) => {
      if (done.has(k)) return false
      done.add(k)
      return true
    })
  return { signatures: fresh(facts.signatures, sent.signatures), versionMeta: fresh(facts.versionMeta, sent.versionMeta) }
}

/**
 * The parsed entries of a trail with `afterSeq < seq ≤ toSeq`, page by page, most pages read ahead
 * by a worker thread over a read-only connection to `url`; with `ctx` (the review context over the
 * same database), each page comes with what code rules will ask it. Stopping the iteration early
 * stops the worker.
 *
 * Pages the worker could not read (it failed) are read here.
 */
export async function* scopePagesAhead(
  reads: StoreReads,
  url: string,
  scope: { trail: Trail; afterSeq: number; toSeq: number; pageSize: number },
  ctx?: PreparableContext,
): AsyncGenerator<Entry[]> {
  const { trail, afterSeq, toSeq, pageSize } = scope
  const flags = new SharedArrayBuffer(12)
  const view = new Int32Array(flags)
  const ready = new Map<number, ScopePage>()
  let wake: (() => void) | undefined
  let failure: unknown
  const request: ScopePagesRequest = { url, trail, afterSeq, toSeq, pageSize, prefetch: ctx !== undefined, flags }
  const job = runInWorker<number>(SCOPE_PAGES_MODULE, 'readScopePages', [request], {
    onProgress: (page) => {
      ready.set((page as ScopePage).index, page as ScopePage)
      wake?.()
    },
    resourceLimits: { maxOldGenerationSizeMb: 256 },
  })
  job.catch((error: unknown) => (failure = error)).finally(() => wake?.())
  try {
    for (let index = 0; afterSeq + index * pageSize < toSeq; index++) {
      const from = afterSeq + index * pageSize
      let entries: Entry[]
      if (Atomics.compareExchange(view, NEXT, index, index + 1) === index) {
        // The worker has not claimed this page yet: read it here.
        entries = await readHere(reads, trail, from, Math.min(toSeq, from + pageSize), pageSize)
      } else {
        let page = ready.get(index)
        while (!page && failure === undefined) {
          await new Promise<void>((resolve) => (wake = resolve))
          wake = undefined
          page = ready.get(index)
        }
        ready.delete(index)
        if (page && ctx && page.facts) seedFacts(ctx, page.facts)
        // A worker that failed leaves its pages to this thread.
        entries = page ? page.bytes.map((bytes) => JSON.parse(bytes) as Entry) : await readHere(reads, trail, from, Math.min(toSeq, from + pageSize), pageSize)
      }
      Atomics.store(view, TAKEN, index + 1)
      Atomics.notify(view, TAKEN)
      if (entries.length > 0) yield entries
    }
  } finally {
    Atomics.store(view, STOP, 1)
    Atomics.notify(view, TAKEN)
  }
}

async function readHere(reads: StoreReads, trail: Trail, afterSeq: number, toSeq: number, limit: number): Promise<Entry[]> {
  return (await entryPage(reads.sql, trail, afterSeq, toSeq, limit)).map((row) => JSON.parse(row.bytes) as Entry)
}

/** Where these functions live, for `runInWorker`. */
export const SCOPE_PAGES_MODULE = new URL(import.meta.url)
