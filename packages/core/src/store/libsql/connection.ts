/** A value bound to a statement parameter. */
export type SqlArg = null | string | number | bigint | Uint8Array

export type Statement = string | { sql: string; args?: SqlArg[] }

/** Result rows as positional arrays (column order of the SELECT). */
export interface Rows {
  rows: ArrayLike<unknown>[]
}

/** Anything that runs a statement: a connection, or the writer inside its open transaction. */
export interface Executor {
  execute(stmt: Statement): Promise<Rows>
}

/**
 * One database connection. The store holds exactly two: the writer (all transactions, in the
 * group-commit queue) and the reader; PRAGMAs are per connection (ARCHITECTURE §5).
 */
export interface SqlConnection extends Executor {
  /** BEGIN IMMEDIATE: takes the write lock now, so a group never fails half-way on BUSY. */
  begin(): Promise<void>
  commit(): Promise<void>
  rollback(): Promise<void>
  close(): void
}

export function normalize(stmt: Statement): { sql: string; args: SqlArg[] } {
  return typeof stmt === 'string' ? { sql: stmt, args: [] } : { sql: stmt.sql, args: stmt.args ?? [] }
}
