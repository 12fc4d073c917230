import { existsSync, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { VeritrailError } from '../../errors.js'
import { ClientConnection } from './client-connection.js'
import type { Executor, SqlConnection } from './connection.js'
import { LocalConnection } from './local-connection.js'

/** The two connections of ARCHITECTURE §5: one writer, one reader. */
export interface Connections {
  url: string
  writer: SqlConnection
  reader: SqlConnection
  /** Absolute path of the database file when `url` is a `file:` URL. */
  file: string | undefined
  close(): void
}

/** Which driver carries a connection: `local` (embedded file) or `client` (@libsql/client). */
export type Driver = 'local' | 'client'

/** Path of a `file:` URL; undefined for other schemes. */
export function databaseFile(url: string): string | undefined {
  if (!url.startsWith('file:')) return undefined
  const bare = url.split('?')[0]!
  return bare.startsWith('file://') ? fileURLToPath(bare) : bare.slice('file:'.length)
}

/** `local` for files (faster: cached prepared statements), `client` for libSQL servers. */
export function defaultDriver(url: string): Driver {
  const forced = process.env.VERITRAIL_STORE_DRIVER
  if (forced === 'client' || forced === 'local') return databaseFile(url) ? forced : 'client'
  return databaseFile(url) ? 'local' : 'client'
}

function open(url: string, driver: Driver, readonly = false): SqlConnection {
  return driver === 'local' ? new LocalConnection(databaseFile(url)!, { readonly }) : new ClientConnection(url)
}

/**
 * Opens the writer and the reader and sets their PRAGMAs, reading back on the writer the ones
 * durability rests on: a durable commit needs `synchronous=FULL` on the very connection that
 * commits (STACK.md).
 */
export async function connect(url: string, driver = defaultDriver(url)): Promise<Connections> {
  const file = databaseFile(url)
  if (file !== undefined) mkdirSync(dirname(file), { recursive: true })
  const writer = open(url, driver)
  let reader: SqlConnection | undefined
  try {
    if (file !== undefined) {
      await writer.execute('PRAGMA journal_mode=WAL')
      await writer.execute('PRAGMA synchronous=FULL')
      await writer.execute('PRAGMA busy_timeout=5000')
      // Only the backup engine checkpoints (after copying the WAL it ships): ARCHITECTURE §5.
      await writer.execute('PRAGMA wal_autocheckpoint=0')
      await assertPragma(writer, 'synchronous', 2)
      await assertPragma(writer, 'journal_mode', 'wal')
      await assertPragma(writer, 'wal_autocheckpoint', 0)
    }
    reader = open(url, driver)
    if (file !== undefined) {
      await reader.execute('PRAGMA busy_timeout=5000')
      await reader.execute('PRAGMA query_only=ON')
    }
  } catch (error) {
    writer.close()
    reader?.close()
    throw error
  }
  const r = reader
  return {
    url,
    writer,
    reader: r,
    file,
    close() {
      writer.close()
      r.close()
    },
  }
}

async function assertPragma(db: Executor, name: string, expected: unknown): Promise<void> {
  const actual = (await db.execute(`PRAGMA ${name}`)).rows[0]?.[0]
  if (actual !== expected) {
    throw new VeritrailError(
      'internal',
      `The database connection reports ${name}=${String(actual)}, expected ${String(expected)}; refusing to write without durable commits.`,
    )
  }
}

/** Reads a PRAGMA on the writer connection (tests assert `synchronous` = 2, FULL). */
export async function writerPragma(connections: Connections, name: string): Promise<unknown> {
  return (await connections.writer.execute(`PRAGMA ${name}`)).rows[0]?.[0]
}

/**
 * One read-only connection for checking a database (verify, backups): no migrations, nothing
 * written. Fails with `unreadable` when there is no readable Veritrail database at `url`.
 */
export async function connectReadOnly(url: string, driver = defaultDriver(url)): Promise<SqlConnection> {
  const file = databaseFile(url)
  if (file !== undefined && !existsSync(file)) {
    throw new VeritrailError('unreadable', `There is no database at ${file}.`)
  }
  let db: SqlConnection | undefined
  try {
    db = open(url, driver, true)
    await db.execute('PRAGMA query_only=ON')
    await db.execute('SELECT count(*) FROM entries')
    return db
  } catch (error) {
    db?.close()
    throw new VeritrailError('unreadable', `${url} is not a readable Veritrail database: ${(error as Error).message}`, { cause: error })
  }
}
