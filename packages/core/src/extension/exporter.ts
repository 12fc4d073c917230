import type { JsonValue } from '../canonical/canonical-json.js'
import type { Entry } from '../ledger/entry.js'
import type { Locale, LocalizedText } from './i18n.js'

/**
 * One audit entry as it leaves the system: `bytes` are the stored canonical bytes (the only form
 * an export may treat as evidence, ARCHITECTURE §2.4), `entry` their parsed form and `leafHash`
 * the hex Merkle leaf hash that proofs refer to.
 */
export interface ExportedEntry {
  kind: 'entry'
  entry: Entry
  bytes: string
  leafHash: string
}

/** One record version as it leaves the system (`data` is null for a tombstone). */
export interface ExportedRecord {
  kind: 'record'
  type: string
  typeVersion: string
  id: string
  version: number
  data: { [field: string]: JsonValue } | null
  deleted: boolean
  seq: number
  ts: string
  actorId: string
}

/** What an exporter reads: entries, record versions or both, in the order the core chose. */
export type ExportItem = ExportedEntry | ExportedRecord

/** Facts about the export as a whole, for a cover page or a file header. */
export interface ExportMeta {
  /** When the export was started: server time, ISO 8601 UTC. */
  generatedAt: string
  installId: string
  /** The site's IANA time zone, for displaying timestamps. */
  timeZone: string
  /** The filter the user asked for, as data (shown so a reader knows what is and is not in it). */
  filter?: JsonValue
  /** Who asked for the export. */
  requestedBy?: string
}

/**
 * What the core hands an exporter. `write` applies back-pressure: await it before writing the
 * next chunk. `signal` is aborted when the user cancels; the source then throws, and an exporter
 * must let that error propagate so a cut-off file is never taken for a complete one.
 */
export interface ExportContext {
  write(chunk: Uint8Array | string): Promise<void>
  /** Reports how many items have been consumed so far (monotonic; the last call = the total). */
  progress(items: number): void
  locale: Locale
  meta: ExportMeta
  signal: AbortSignal
}

/**
 * An exporter (ARCHITECTURE §3): turns a stream of entries and record versions into one file.
 * The core streams, records the export in the system trail and reports progress.
 */
export interface Exporter {
  /** Stable id, `<pack>.<name>`, declared in the plugin's manifest. */
  id: string
  /** The media type of the produced file, e.g. `text/csv` or `application/pdf`. */
  mediaType: string
  /** The file name extension without the dot, e.g. `csv`, `pdf`, `tar.gz`. */
  fileExtension: string
  label: LocalizedText
  export(source: AsyncIterable<ExportItem>, ctx: ExportContext): Promise<void>
}

const EXPORTER = Symbol.for('veritrail.exporter')

/**
 * Declares an exporter: returns it frozen and tagged (identity checks use the tag, never
 * `instanceof`, so two copies of the core agree).
 *
 * @example
 * export const jsonLines = defineExporter({
 *   id: 'acme.jsonl', mediaType: 'application/x-ndjson', fileExtension: 'jsonl',
 *   label: { en: 'JSON lines', 'zh-CN': 'JSON 行' },
 *   async export(source, ctx) {
 *     let n = 0
 *     for await (const item of source) {
 *       await ctx.write((item.kind === 'entry' ? item.bytes : JSON.stringify(item)) + '\n')
 *       ctx.progress(++n)
 *     }
 *   },
 * })
 */
export function defineExporter<T extends Exporter>(exporter: T): T {
  return Object.freeze({ ...exporter, [EXPORTER]: true })
}

/** True for an exporter made with `defineExporter` by any copy of the core. */
export function isExporter(value: unknown): value is Exporter {
  return typeof value === 'object' && value !== null && EXPORTER in value
}
