import { fileURLToPath } from 'node:url'
import { createClient } from '@libsql/client'
import { drizzle } from 'drizzle-orm/libsql'
import { migrate } from 'drizzle-orm/libsql/migrator'

/** packages/core/drizzle, found from this file whether it runs from src/ or dist/. */
const MIGRATIONS = fileURLToPath(new URL('../../../drizzle', import.meta.url))

/** Applies pending drizzle migrations, in one transaction, before the store's connections open. */
export async function applyMigrations(url: string): Promise<void> {
  const client = createClient({ url, concurrency: 1 })
  try {
    await client.execute('PRAGMA busy_timeout=5000')
    await migrate(drizzle(client), { migrationsFolder: MIGRATIONS })
  } finally {
    client.close()
  }
}
