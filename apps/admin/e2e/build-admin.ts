// vitest globalSetup of the e2e project: builds the admin UI once into apps/admin/dist, which the
// real server then serves at `/` (apps/server/src/static.ts).
import { fileURLToPath } from 'node:url'
import { build } from 'vite'

export default async function buildAdmin(): Promise<void> {
  await build({
    configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
    logLevel: 'warn',
  })
}
