import { createClient, type Client, type InValue, type Transaction } from '@libsql/client'
import type { Rows, SqlConnection, Statement } from './connection.js'
import { normalize } from './connection.js'

/**
 * A connection through `@libsql/client`, for a libSQL server URL (`libsql://`, `http(s)://`) and,
 * in tests, to prove the store runs unchanged on it. `concurrency: 1` keeps it to one connection,
 * so PRAGMAs stick (STACK.md).
 */
export class ClientConnection implements SqlConnection {
  readonly #client: Client
  #tx: Transaction | undefined

  constructor(url: string) {
    this.#client = createClient({ url, concurrency: 1, intMode: 'number' })
  }

  async execute(stmt: Statement): Promise<Rows> {
    const { sql, args } = normalize(stmt)
    const rs = await (this.#tx ?? this.#client).execute({ sql, args: args as InValue[] })
    return { rows: rs.rows.map((r) => Array.from(r as ArrayLike<unknown>, (v) => (v instanceof ArrayBuffer ? new Uint8Array(v) : v))) }
  }

  async begin(): Promise<void> {
    this.#tx = await this.#client.transaction('write')
  }

  async commit(): Promise<void> {
    const tx = this.#tx
    this.#tx = undefined
    await tx?.commit()
  }

  async rollback(): Promise<void> {
    const tx = this.#tx
    this.#tx = undefined
    await tx?.rollback()
  }

  close(): void {
    this.#tx?.close()
    this.#client.close()
  }
}
