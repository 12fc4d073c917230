import type { JsonValue } from '../canonical/canonical-json.js'
import { VeritrailError } from '../errors.js'
import type { ExportItem, ExportedEntry, ExportedRecord } from '../extension/exporter.js'
import type { Entry, Trail } from '../ledger/entry.js'
import { searchEntries, type EntryHit, type EntrySearch } from '../store/queries/audit.js'
import { recordVersionsAtSeqs, trailEntriesPage } from '../store/queries/export.js'
import type { ReadExecutor, RecordVersionRow } from '../store/types.js'

const PAGE = 128

/** Counts of what a source yielded so far. */
export interface SourceCounts {
  entries: number
  records: number
}

/**
 * The items of an export, read from the database one page at a time (constant memory): the
 * entries matching `search`, in commit order, up to the frozen tree sizes `sizes` (entries
 * appended while the export runs are left out, so every entry lies in the exported
 * checkpoint), each data-trail entry followed by the record version it wrote, if any.
 * `signal` stops it between pages; the error then propagates to the exporter.
 */
export async function* exportItems(options: {
  db: ReadExecutor
  search: Omit<EntrySearch, 'order' | 'afterId' | 'limit'>
  sizes: Record<Trail, number>
  signal: AbortSignal
  counts: SourceCounts
}): AsyncGenerator<ExportItem> {
  const { db, search, sizes, signal, counts } = options
  const pages = isTrailRange(search) ? trailPages(db, search, sizes[search.trail]) : searchPages(db, search)
  for await (const hits of pages) {
    if (signal.aborted) throw cancelled(signal)
    const inScope = hits.filter((h) => h.seq <= sizes[h.trail as Trail])
    const versions = new Map<number, RecordVersionRow>()
    const dataSeqs = inScope.filter((h) => h.trail === 'data').map((h) => h.seq)
    for (const row of await recordVersionsAtSeqs(db, dataSeqs)) versions.set(row.seq, row)
    for (const hit of inScope) {
      counts.entries++
      yield lazyEntry(hit)
      const version = hit.trail === 'data' ? versions.get(hit.seq) : undefined
      if (version) {
        counts.records++
        yield exportedRecord(version)
      }
    }
  }
}

type Search = Omit<EntrySearch, 'order' | 'afterId' | 'limit'>

/** A whole trail, or a time range of one: read in sequence order on the (trail, seq) index. */
function isTrailRange(search: Search): search is Search & { trail: Trail } {
  return search.trail !== undefined && Object.keys(search).every((k) => k === 'trail' || k === 'fromTs' || k === 'toTs')
}

async function* trailPages(db: ReadExecutor, search: Search & { trail: Trail }, maxSeq: number): AsyncGenerator<EntryHit[]> {
  for (let afterSeq = 0; ; ) {
    const hits = await trailEntriesPage(db, { trail: search.trail, afterSeq, maxSeq, limit: PAGE, ...(search.fromTs ? { fromTs: search.fromTs } : {}), ...(search.toTs ? { toTs: search.toTs } : {}) })
    if (hits.length > 0) yield hits
    if (hits.length < PAGE) return
    afterSeq = hits.at(-1)!.seq
  }
}

/** Any other filter: the audit search, in commit order, paged by commit id. */
async function* searchPages(db: ReadExecutor, search: Search): AsyncGenerator<EntryHit[]> {
  for (let afterId: number | undefined; ; ) {
    const hits = await searchEntries(db, { ...search, order: 'asc', limit: PAGE, ...(afterId !== undefined ? { afterId } : {}) })
    if (hits.length > 0) yield hits
    if (hits.length < PAGE) return
    afterId = hits.at(-1)!.id
  }
}

/** A record version row as an export item (`data` parsed from its canonical JSON). */
export function exportedRecord(row: RecordVersionRow): ExportedRecord {
  return {
    kind: 'record',
    type: row.recordType,
    typeVersion: row.typeVersion,
    id: row.recordId,
    version: row.version,
    data: row.data === null ? null : (JSON.parse(row.data) as { [field: string]: JsonValue }),
    deleted: row.deleted,
    seq: row.seq,
    ts: row.ts,
    actorId: row.actorId,
  }
}

const PARSED = Symbol('parsed')
const HASH = Symbol('hash')

/**
 * An entry as an export item, its parsed form and hex leaf hash made only when an exporter reads
 * them (JSON Lines never parses). Plain own getters, so `{ ...item }` and `structuredClone`
 * still see every member; no closure per entry, this is the hot path of a million-entry export.
 */
function lazyEntry(hit: EntryHit): ExportedEntry {
  const item = {
    kind: 'entry' as const,
    bytes: hit.bytes,
    [HASH]: hit.leafHash,
    [PARSED]: undefined as Entry | undefined,
    get entry(): Entry {
      return (this[PARSED] ??= JSON.parse(this.bytes) as Entry)
    },
    get leafHash(): string {
      return Buffer.from(this[HASH]).toString('hex')
    },
  }
  return item
}

function cancelled(signal: AbortSignal): unknown {
  return signal.reason ?? exportCancelled()
}

/** The error a cancelled export ends with (the client went away, or the user stopped it). */
export function exportCancelled(): VeritrailError {
  return new VeritrailError('conflict', 'The export was cancelled before it finished; no file was produced.', { details: { cancelled: true } })
}

/** True for the error of a cancelled export, also after it crossed a thread. */
export function isExportCancelled(error: unknown): boolean {
  return error instanceof Error && error.message === exportCancelled().message
}
