import { connect, defaultDriver, type Connections, type Driver } from './libsql/connect.js'
import { DirtyFailure, GroupCommitQueue } from './libsql/group-commit.js'
import { applyMigrations } from './libsql/migrate.js'
import { LibsqlReads } from './libsql/reads.js'
import { LibsqlWriteTx, WriteBuffer, type GroupState } from './libsql/write-tx.js'
import type { SqlConnection } from './libsql/connection.js'
import { truncateWal } from './libsql/wal-capture.js'
import { WalGuard } from './libsql/wal-guard.js'
import { unpinDatabase } from './libsql/pinned-file.js'
import type { StoreReads, WriteTx } from './types.js'

/**
 * The database behind the core, reduced to what `ledger/` and `records/` need. Everything they
 * write goes through `write`, which runs inside the shared group-commit transaction.
 */
export interface Store {
  readonly url: string
  /** The reader connection (never sees uncommitted work). */
  readonly read: StoreReads
  /** Runs `job` in the writer transaction; resolves after the COMMIT that made it durable. */
  write<T>(job: (tx: WriteTx) => Promise<T>): Promise<T>
  /**
   * Runs `job` on the writer connection between transactions: it starts once every write in
   * flight has committed, and writes arriving meanwhile wait until it returns (backups capture
   * and checkpoint the WAL here; the job must not open a transaction of its own and leave it).
   */
  exclusive<T>(job: (writer: SqlConnection) => Promise<T>): Promise<T>
  /** Bounds the WAL of a `file:` database (see `WalGuard`); undefined for a libSQL server. */
  readonly walGuard: WalGuard | undefined
  /** Low-level handles for modules of `store/` itself (search, verify, operational tables). */
  readonly connections: Connections
  close(): Promise<void>
}

/** Opens (creating if needed) and migrates the database at `url` (`file:` or a libSQL server). */
export async function openStore(url: string, driver: Driver = defaultDriver(url)): Promise<Store> {
  await applyMigrations(url)
  const connections = await connect(url, driver)
  const group: GroupState = { generation: 0, nextEntryId: undefined, buffer: new WriteBuffer() }
  // The group's buffered rows go in just before its COMMIT (a failure there re-runs each job alone).
  const queue = new GroupCommitQueue(connections.writer, { beforeCommit: () => group.buffer.flush(connections.writer) })
  // Writes in flight and the gate an exclusive job closes while it runs.
  let inFlight = 0
  let gate: Promise<void> | undefined
  const drained: (() => void)[] = []
  const exclusive = async <T>(job: (writer: SqlConnection) => Promise<T>): Promise<T> => {
    while (gate) await gate
    let open!: () => void
    gate = new Promise<void>((resolve) => (open = resolve))
    try {
      while (inFlight > 0) await new Promise<void>((resolve) => drained.push(resolve))
      return await job(connections.writer)
    } finally {
      gate = undefined
      open()
    }
  }
  const walGuard = connections.file
    ? new WalGuard(connections.file, () => exclusive((writer) => truncateWal(writer)).then(() => undefined))
    : undefined
  return {
    url,
    read: new LibsqlReads(connections.reader),
    connections,
    exclusive,
    walGuard,
    write: async (job) => {
      while (gate) await gate
      inFlight++
      try {
        return await queue.run(async (generation) => {
          if (group.generation !== generation) Object.assign(group, { generation, nextEntryId: undefined, buffer: new WriteBuffer() })
          const tx = new LibsqlWriteTx(connections.writer, group)
          try {
            return await job(tx)
          } catch (error) {
            if (tx.wrote) throw new DirtyFailure(error)
            throw error
          }
        })
      } finally {
        if (--inFlight === 0) for (const resolve of drained.splice(0)) resolve()
        walGuard?.afterCommit()
      }
    },
    async close() {
      await walGuard?.settled()
      await queue.close()
      connections.close()
      if (connections.file) unpinDatabase(connections.file)
    },
  }
}
