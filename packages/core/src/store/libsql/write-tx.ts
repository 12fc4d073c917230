import type { Trail } from '../../ledger/entry.js'
import { getTableColumns, getTableName } from 'drizzle-orm'
import { OPERATIONAL_TABLES } from '../schema.js'
import { appendTables, type AppendTableKey } from '../tables.js'
import type { AppendRows, EntryRow, NodeRow, WriteTx } from '../types.js'
import type { Executor, SqlArg } from './connection.js'
import { LibsqlReads, MAX_PARAMS, chunks } from './reads.js'

/** Per-transaction state shared by the jobs of one commit group. */
export interface GroupState {
  generation: number
  nextEntryId: number | undefined
}

/**
 * The writer transaction of one commit group. Every INSERT of the application lives here (and in
 * the operational-table module next to it): ARCHITECTURE §2.1, checked by `write-path.test.ts`.
 * Rows go in as multi-row INSERTs, which is what makes batched appends fast.
 */
export class LibsqlWriteTx extends LibsqlReads implements WriteTx {
  /** Whether this job wrote anything (a failure after writing must roll the group back). */
  wrote = false

  constructor(
    private readonly tx: Executor,
    private readonly group: GroupState,
  ) {
    super(tx)
  }

  get generation(): number {
    return this.group.generation
  }

  async appendEntries(rows: EntryRow[]): Promise<void> {
    if (rows.length === 0) return
    if (this.group.nextEntryId === undefined) {
      const rs = await this.tx.execute('SELECT coalesce(max(id), 0) + 1 FROM entries')
      this.group.nextEntryId = Number(rs.rows[0]![0])
    }
    this.wrote = true
    const firstId = this.group.nextEntryId
    this.group.nextEntryId += rows.length
    const ids = rows.map((_, i) => firstId + i)
    await insertMany(
      this.tx,
      'entries (id, trail, seq, bytes, leaf_hash, ts, action, actor_id, record_type, record_id, correlation_id)',
      rows,
      (r, i) => [ids[i]!, r.trail, r.seq, r.bytes, r.leafHash, r.ts, r.action, r.actorId, r.recordType, r.recordId, r.correlationId],
    )
    await insertMany(this.tx, 'entry_search (rowid, body)', rows, (r, i) => [ids[i]!, r.searchText])
  }

  async appendNodes(trail: Trail, rows: NodeRow[]): Promise<void> {
    this.wrote ||= rows.length > 0
    await insertMany(this.tx, 'tree_nodes (trail, level, idx, hash)', rows, (r) => [trail, r.level, r.index, r.hash])
  }

  async appendRows(rows: AppendRows): Promise<void> {
    for (const [key, list] of Object.entries(rows) as [AppendTableKey, Record<string, unknown>[] | undefined][]) {
      if (!list || list.length === 0) continue
      const table = appendTables[key]
      if (!table) throw new Error(`${key} is not an append-only table`)
      this.wrote = true
      const columns = Object.entries(getTableColumns(table))
      const names = columns.map(([, column]) => column.name).join(', ')
      await insertMany(this.tx, `${getTableName(table)} (${names})`, list, (row) =>
        columns.map(([key, column]) => toSql(row[key], column.default)),
      )
    }
  }

  async operational(sql: string, args: SqlArg[] = []): Promise<void> {
    const target = /^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+[`"]?(\w+)/i.exec(sql)?.[1]
    if (!target || !(OPERATIONAL_TABLES as readonly string[]).includes(target)) {
      throw new Error(`Refused: only operational tables may change, not ${target ?? 'this statement'}.`)
    }
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

async function insertMany<T>(
  tx: Executor,
  target: string,
  rows: T[],
  values: (row: T, i: number) => SqlArg[],
): Promise<void> {
  if (rows.length === 0) return
  const width = values(rows[0]!, 0).length
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS / width))
  const tuple = `(${new Array(width).fill('?').join(',')})`
  let offset = 0
  for (const chunk of chunks(rows, perStatement)) {
    const args: SqlArg[] = []
    chunk.forEach((row, i) => args.push(...values(row, offset + i)))
    offset += chunk.length
    await tx.execute({
      sql: `INSERT INTO ${target} VALUES ${new Array(chunk.length).fill(tuple).join(',')}`,
      args,
    })
  }
}
