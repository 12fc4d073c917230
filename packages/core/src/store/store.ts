import { connect, defaultDriver, type Connections, type Driver } from './libsql/connect.js'
import { DirtyFailure, GroupCommitQueue } from './libsql/group-commit.js'
import { applyMigrations } from './libsql/migrate.js'
import { LibsqlReads } from './libsql/reads.js'
import { LibsqlWriteTx, type GroupState } from './libsql/write-tx.js'
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
  /** Low-level handles for modules of `store/` itself (search, verify, operational tables). */
  readonly connections: Connections
  close(): Promise<void>
}

/** Opens (creating if needed) and migrates the database at `url` (`file:` or a libSQL server). */
export async function openStore(url: string, driver: Driver = defaultDriver(url)): Promise<Store> {
  await applyMigrations(url)
  const connections = await connect(url, driver)
  const queue = new GroupCommitQueue(connections.writer)
  const group: GroupState = { generation: 0, nextEntryId: undefined }
  return {
    url,
    read: new LibsqlReads(connections.reader),
    connections,
    write: (job) =>
      queue.run(async (generation) => {
        if (group.generation !== generation) Object.assign(group, { generation, nextEntryId: undefined })
        const tx = new LibsqlWriteTx(connections.writer, group)
        try {
          return await job(tx)
        } catch (error) {
          if (tx.wrote) throw new DirtyFailure(error)
          throw error
        }
      }),
    async close() {
      await queue.close()
      connections.close()
    },
  }
}
