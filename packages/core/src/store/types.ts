import type { Trail } from '../ledger/entry.js'
import type { SqlArg } from './libsql/connection.js'
import type { appendTables, AppendTableKey } from './tables.js'

/** A perfect subtree of a trail's Merkle tree: leaves [index·2^level, (index+1)·2^level). */
export interface NodeId {
  level: number
  index: number
}

/** One audit entry row: the stored bytes plus the query-index columns derived from them. */
export interface EntryRow {
  trail: Trail
  seq: number
  bytes: string
  leafHash: Uint8Array
  ts: string
  action: string
  actorId: string
  recordType: string | null
  recordId: string | null
  correlationId: string
  /** Text for the full-text index (not stored elsewhere). */
  searchText: string
}

export interface NodeRow extends NodeId {
  hash: Uint8Array
}

export interface CheckpointRow {
  trail: Trail
  origin: string
  size: number
  rootHash: Uint8Array
  keyId: string
  note: string
  ts: string
}

export interface RecordTypeRow {
  id: string
  version: string
  definition: string
  sha256: string
  ts: string
}

export interface RecordVersionRow {
  recordType: string
  recordId: string
  version: number
  typeVersion: string
  /** Canonical JSON of the record's data; null for a tombstone. */
  data: string | null
  deleted: boolean
  seq: number
  ts: string
  actorId: string
}

export interface InstallRow {
  epoch: number
  installId: string
  ts: string
  cites: string | null
}

/**
 * Rows for the append-only tables besides entries and tree nodes, written with the entries.
 * Keys are the drizzle table names of `schema.ts`; row types are inferred from the schema.
 */
export type AppendRows = { [K in AppendTableKey]?: (typeof appendTables)[K]['$inferInsert'][] }

/** A statement that only reads (`SELECT`/`WITH`); anything else is refused. */
export interface ReadExecutor {
  select(sql: string, args?: SqlArg[]): Promise<ArrayLike<unknown>[]>
}

/**
 * Reads a caller may make; implemented once for the writer transaction (sees uncommitted work of
 * earlier jobs in the same group) and once for the reader connection.
 */
export interface StoreReads {
  /** Read queries of `store/queries/*` run through this. */
  readonly sql: ReadExecutor
  trailSize(trail: Trail): Promise<number>
  nodes(trail: Trail, ids: NodeId[]): Promise<Uint8Array[]>
  lastEntryTs(): Promise<string | null>
  latestCheckpoint(trail: Trail): Promise<CheckpointRow | null>
  installs(): Promise<InstallRow[]>
  recordType(id: string, version: string): Promise<RecordTypeRow | null>
  recordVersion(type: string, id: string, version?: number): Promise<RecordVersionRow | null>
  recordVersions(type: string, id: string): Promise<RecordVersionRow[]>
  /** Current versions of a type's records, newest record first, after the `before` record id. */
  listRecords(type: string, options: { limit: number; before?: string; includeDeleted?: boolean }): Promise<RecordVersionRow[]>
  /** Ids of live records of `type` whose top-level `field` equals `value` (uniqueness checks). */
  findLiveRecords(type: string, field: string, value: string | number | boolean): Promise<string[]>
}

/** The writer transaction: reads plus appends. The only way anything is written (§2.1). */
export interface WriteTx extends StoreReads {
  /** Changes each time a new write transaction starts (lets callers cache per transaction). */
  readonly generation: number
  appendEntries(rows: EntryRow[]): Promise<void>
  appendNodes(trail: Trail, rows: NodeRow[]): Promise<void>
  appendRows(rows: AppendRows): Promise<void>
  /**
   * Writes to an operational (mutable, non-evidence) table, e.g. a session's last-seen time.
   * Refuses any statement that touches another table.
   */
  operational(sql: string, args?: SqlArg[]): Promise<void>
}

/** An entry row with every query-index column, for `verify --deep`. */
export interface EntryColumns {
  seq: number
  bytes: string
  leafHash: Uint8Array
  trail: string
  ts: string
  action: string
  actorId: string
  recordType: string | null
  recordId: string | null
  correlationId: string
}

/** The full scans `verify` makes, in pages. */
/**
 * A page of a trail read and hashed off the main thread: per row, its `seq`, its leaf hash
 * (32 bytes each) and `checks` (bit 1: the stored leaf hash matches; bit 2: the bytes name this
 * trail and seq).
 */
export interface HashedPage {
  seqs: Float64Array
  leaves: Uint8Array
  checks: Uint8Array
}

export interface LedgerScan {
  /**
   * The same as `entries(trail, 'hashed')`, already hashed and checked in worker threads, when
   * the database allows it (a local file whose sequence numbers have no gaps at the end).
   */
  hashedPages?(trail: Trail): Promise<AsyncIterable<HashedPage> | undefined>
  /**
   * Every entry of a trail in (seq, storage) order — duplicates and gaps included. `hashed` reads
   * only seq, bytes and leaf hash (the other index columns are left unset).
   */
  entries(trail: Trail, columns?: 'all' | 'hashed'): AsyncIterable<EntryColumns[]>
  checkpoints(trail: Trail): Promise<CheckpointRow[]>
  /** Every record version in (seq) order. */
  recordVersionsBySeq(): AsyncIterable<RecordVersionRow[]>
}
