import { defineConfig } from 'drizzle-kit'

// `npx drizzle-kit generate` (from packages/core) writes SQL migrations into ./drizzle;
// the store applies them at start-up (src/store/migrate.ts).
export default defineConfig({
  dialect: 'turso',
  schema: './src/store/schema.ts',
  out: './drizzle',
  dbCredentials: { url: 'file:./.drizzle-scratch.db' },
})
