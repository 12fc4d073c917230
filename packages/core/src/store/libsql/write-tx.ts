import type { Trail } from '../../ledger/entry.js'
import { getTableColumns, getTableName } from 'drizzle-orm'
import { OPERATIONAL_TABLES } from '../schema.js'
import { appendTables, type AppendTableKey } from '../tables.js'
import type { AppendRows, EntryRow, NodeRow, RecordVersionRow, WriteTx } from '../types.js'
import type { Executor, SqlArg } from './connection.js'
import { createHash } from 'node:crypto'
import { cjkBigrams } from '../../ledger/search-text.js'
import { LibsqlReads, MAX_PARAMS, chunks, fieldExpression } from './reads.js'

/** Expression indexes known to exist, per writer connection. */
const indexes = new WeakMap<Executor, Set<string>>()

/** Per-transaction state shared by the jobs of one commit group. */
export interface GroupState {
  generation: number
  nextEntryId: number | undefined
  /** The rows the group's jobs appended and that are not written yet. */
  buffer: WriteBuffer
}

/**
 * Appended rows, per table, not yet written: they go in as multi-row INSERTs when a read names
 * their table, before an operational change, and before the group commits. An ingest batch of
 * 1,000 items, or 64 single appends that share a commit, is a handful of statements, not
 * thousands, and every read still sees every earlier append.
 */
export class WriteBuffer {
  readonly #pending = new Map<string, { table: RegExp; rows: SqlArg[][] }>()
  /** `type\0id` of every buffered record version: reads of other records need not flush them. */
  readonly #records = new Set<string>()

  add(target: string, rows: SqlArg[][]): void {
    const list = this.#pending.get(target)
    if (list) for (const row of rows) list.rows.push(row)
    else this.#pending.set(target, { table: new RegExp(`\\b${target.slice(0, target.indexOf(' '))}\\b`), rows })
  }

  addRecord(type: string, id: string): void {
    this.#records.add(`${type}\0${id}`)
  }

  hasRecord(type: string, id: string): boolean {
    return this.#records.has(`${type}\0${id}`)
  }

  /** Writes every buffered row. */
  async flush(tx: Executor): Promise<void> {
    if (this.#pending.size === 0) return
    const due = [...this.#pending]
    this.#pending.clear()
    this.#records.clear()
    for (const [target, { rows }] of due) await insertMany(tx, target, rows)
  }

  /**
   * Before a read: writes the buffered rows of the tables it names, so it sees them, and leaves
   * the others buffered. An ingest item reads record versions (links, unique fields) but never
   * entries or tree nodes. Undefined when nothing had to be written.
   */
  flushFor(tx: Executor, sql: string): Promise<void> | undefined {
    if (this.#pending.size === 0) return undefined
    const due: [string, SqlArg[][]][] = []
    for (const [target, { table, rows }] of this.#pending) if (table.test(sql)) due.push([target, rows])
    if (due.length === 0) return undefined
    for (const [target] of due) {
      this.#pending.delete(target)
      if (target.startsWith('record_versions ')) this.#records.clear()
    }
    return (async () => {
      for (const [target, rows] of due) await insertMany(tx, target, rows)
    })()
  }
}

/**
 * The writer transaction of one commit group, as one job sees it. Every INSERT of the application
 * lives here (and in the operational-table module next to it): ARCHITECTURE §2.1, checked by
 * `write-path.test.ts`. Appends go to the group's `WriteBuffer`.
 */
export class LibsqlWriteTx extends LibsqlReads implements WriteTx {
  /** Whether this job wrote anything (a failure after writing must roll the group back). */
  wrote = false
  /** The same reads without the flush (for answers the buffer cannot change). */
  readonly #direct: LibsqlReads

  constructor(
    private readonly tx: Executor,
    private readonly group: GroupState,
  ) {
    super({
      execute: (stmt) => {
        const flushing = group.buffer.flushFor(tx, typeof stmt === 'string' ? stmt : stmt.sql)
        return flushing ? flushing.then(() => tx.execute(stmt)) : tx.execute(stmt)
      },
    })
    this.#direct = new LibsqlReads(tx)
  }

  /** Writes the group's buffered rows. */
  flush(): Promise<void> {
    return this.group.buffer.flush(this.tx)
  }

  #buffer(target: string, rows: SqlArg[][]): void {
    if (rows.length === 0) return
    this.wrote = true
    this.group.buffer.add(target, rows)
  }

  get generation(): number {
    return this.group.generation
  }

  /**
   * A unique field is looked up on every write of its record type, so the first lookup creates an
   * expression index on (record_type, field) — an index, not data: the trail is untouched.
   */
  override async findLiveRecords(type: string, field: string, value: string | number | boolean): Promise<string[]> {
    const name = `record_versions_field_${createHash('sha256').update(`${type}\0${field}`).digest('hex').slice(0, 16)}`
    const known = indexes.get(this.tx) ?? new Set<string>()
    indexes.set(this.tx, known)
    if (!known.has(name)) {
      await this.tx.execute(`CREATE INDEX IF NOT EXISTS ${name} ON record_versions (record_type, ${fieldExpression('data', field)})`)
      known.add(name)
    }
    return this.findLiveRecordsBy(type, field, value, name)
  }

  async appendEntries(rows: EntryRow[]): Promise<void> {
    if (rows.length === 0) return
    if (this.group.nextEntryId === undefined) {
      const rs = await this.tx.execute('SELECT coalesce(max(id), 0) + 1 FROM entries')
      this.group.nextEntryId = Number(rs.rows[0]![0])
    }
    const firstId = this.group.nextEntryId
    this.group.nextEntryId += rows.length
    this.#buffer(
      'entries (id, trail, seq, bytes, leaf_hash, ts, action, actor_id, record_type, record_id, correlation_id)',
      rows.map((r, i) => [firstId + i, r.trail, r.seq, r.bytes, r.leafHash, r.ts, r.action, r.actorId, r.recordType, r.recordId, r.correlationId]),
    )
    this.#buffer('entry_search (rowid, body)', rows.map((r, i) => [firstId + i, r.searchText]))
    const bigrams: SqlArg[][] = []
    rows.forEach((r, i) => {
      const body = cjkBigrams(r.searchText)
      if (body !== '') bigrams.push([firstId + i, body])
    })
    this.#buffer('entry_bigrams (rowid, body)', bigrams)
  }

  async appendNodes(trail: Trail, rows: NodeRow[]): Promise<void> {
    this.#buffer('tree_nodes (trail, level, idx, hash)', rows.map((r) => [trail, r.level, r.index, r.hash]))
  }

  /**
   * A record's versions, without writing the buffered versions of other records first: each item
   * of an ingest batch reads the records it links to, which are rarely written in the same batch.
   */
  override async recordVersion(type: string, id: string, version?: number): Promise<RecordVersionRow | null> {
    return this.group.buffer.hasRecord(type, id) ? super.recordVersion(type, id, version) : this.#direct.recordVersion(type, id, version)
  }

  override async recordVersions(type: string, id: string): Promise<RecordVersionRow[]> {
    return this.group.buffer.hasRecord(type, id) ? super.recordVersions(type, id) : this.#direct.recordVersions(type, id)
  }

  async appendRows(rows: AppendRows): Promise<void> {
    for (const row of rows.recordVersions ?? []) this.group.buffer.addRecord(row.recordType, row.recordId)
    for (const [key, list] of Object.entries(rows) as [AppendTableKey, Record<string, unknown>[] | undefined][]) {
      if (!list || list.length === 0) continue
      const table = appendTables[key]
      if (!table) throw new Error(`${key} is not an append-only table`)
      const columns = Object.entries(getTableColumns(table))
      const names = columns.map(([, column]) => column.name).join(', ')
      this.#buffer(`${getTableName(table)} (${names})`, list.map((row) => columns.map(([key, column]) => toSql(row[key], column.default))))
    }
  }

  async operational(sql: string, args: SqlArg[] = []): Promise<void> {
    const target = /^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+[`"]?(\w+)/i.exec(sql)?.[1]
    if (!target || !(OPERATIONAL_TABLES as readonly string[]).includes(target)) {
      throw new Error(`Refused: only operational tables may change, not ${target ?? 'this statement'}.`)
    }
    await this.flush()
    await this.tx.execute({ sql, args })
  }
}

/** A column value as SQLite stores it: booleans as 0/1, a missing value as the column default or NULL. */
function toSql(value: unknown, fallback: unknown): SqlArg {
  if (value === undefined) value = fallback ?? null
  if (typeof value === 'boolean') return value ? 1 : 0
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint' || value instanceof Uint8Array) return value
  throw new Error(`Cannot store a ${typeof value} in a column`)
}

async function insertMany(tx: Executor, target: string, rows: SqlArg[][]): Promise<void> {
  if (rows.length === 0) return
  const width = rows[0]!.length
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS / width))
  const tuple = `(${new Array(width).fill('?').join(',')})`
  for (const chunk of chunks(rows, perStatement)) {
    await tx.execute({
      sql: `INSERT INTO ${target} VALUES ${new Array(chunk.length).fill(tuple).join(',')}`,
      args: chunk.flat(),
    })
  }
}
