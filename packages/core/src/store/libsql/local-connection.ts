import Database from 'libsql'
import type { Rows, SqlConnection, Statement } from './connection.js'
import { normalize } from './connection.js'
import { guardedNative } from '../../worker/native-guard.js'

type Prepared = ReturnType<Database.Database['prepare']>

const CACHE_SIZE = 256

/**
 * A connection to an embedded database file through the `libsql` driver (the engine under
 * `@libsql/client`'s `file:` support), keeping prepared statements: the write path runs the same
 * few statements thousands of times a second, and re-preparing each dominated its cost.
 * Every call into the driver is `guardedNative`, so a worker thread holding one can be stopped
 * without aborting the process (see native-guard.ts).
 */
export class LocalConnection implements SqlConnection {
  readonly #db: Database.Database
  readonly #cache = new Map<string, { stmt: Prepared; reader: boolean }>()

  constructor(path: string, options: { readonly?: boolean } = {}) {
    this.#db = guardedNative(() => new Database(path, options.readonly ? { readonly: true, fileMustExist: true } : {}))
  }

  async execute(stmt: Statement): Promise<Rows> {
    return this.executeSync(stmt)
  }

  /** The same, synchronously (worker threads scanning a whole trail). */
  executeSync(stmt: Statement): Rows {
    const { sql, args } = normalize(stmt)
    return guardedNative(() => {
      const prepared = this.#prepare(sql)
      if (prepared.reader) return { rows: prepared.stmt.all(args) as unknown[][] }
      prepared.stmt.run(args)
      return { rows: [] }
    })
  }

  async begin(): Promise<void> {
    guardedNative(() => this.#db.exec('BEGIN IMMEDIATE'))
  }

  async commit(): Promise<void> {
    guardedNative(() => this.#db.exec('COMMIT'))
  }

  async rollback(): Promise<void> {
    guardedNative(() => {
      if (this.#db.inTransaction) this.#db.exec('ROLLBACK')
    })
  }

  close(): void {
    this.#cache.clear()
    guardedNative(() => {
      if (this.#db.open) this.#db.close()
    })
  }

  #prepare(sql: string): { stmt: Prepared; reader: boolean } {
    let hit = this.#cache.get(sql)
    if (hit) {
      // refresh its place in the LRU order
      this.#cache.delete(sql)
      this.#cache.set(sql, hit)
      return hit
    }
    const stmt = this.#db.prepare(sql)
    const reader = stmt.reader
    if (reader) stmt.raw(true)
    hit = { stmt, reader }
    this.#cache.set(sql, hit)
    if (this.#cache.size > CACHE_SIZE) this.#cache.delete(this.#cache.keys().next().value!)
    return hit
  }
}
