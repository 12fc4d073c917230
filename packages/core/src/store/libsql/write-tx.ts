import type { Trail } from '../../ledger/entry.js'
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
    this.wrote ||= Object.values(rows).some((list) => (list as unknown[] | undefined)?.length)
    await insertMany(this.tx, 'record_types (id, version, definition, sha256, ts)', rows.recordTypes ?? [], (r) => [
      r.id, r.version, r.definition, r.sha256, r.ts,
    ])
    await insertMany(
      this.tx,
      'record_versions (record_type, record_id, version, type_version, data, deleted, seq, ts, actor_id)',
      rows.recordVersions ?? [],
      (r) => [r.recordType, r.recordId, r.version, r.typeVersion, r.data, r.deleted ? 1 : 0, r.seq, r.ts, r.actorId],
    )
    await insertMany(
      this.tx,
      'checkpoints (trail, origin, size, root_hash, key_id, note, ts)',
      rows.checkpoints ?? [],
      (r) => [r.trail, r.origin, r.size, r.rootHash, r.keyId, r.note, r.ts],
    )
    await insertMany(this.tx, 'installs (epoch, install_id, ts, cites)', rows.installs ?? [], (r) => [
      r.epoch, r.installId, r.ts, r.cites,
    ])
  }
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
