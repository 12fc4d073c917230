import { existsSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { serveStatic } from '@hono/node-server/serve-static'
import type { Hono } from 'hono'
import type { AppEnv } from './http/env.js'

/** apps/admin/dist, found from this file whether it runs from src/ or dist/. */
export const ADMIN_DIST = fileURLToPath(new URL('../../admin/dist', import.meta.url))

/**
 * Serves the admin UI (built by Vite) at `/`: files as they are, and `index.html` for any other
 * path outside `/api/` so the single-page app can route. Nothing is served when it is not built.
 */
export function mountAdmin(app: Hono<AppEnv>, dist = ADMIN_DIST): boolean {
  const index = join(dist, 'index.html')
  if (!existsSync(index)) return false
  // serveStatic resolves `root` against the working directory.
  const root = relative(process.cwd(), dist) || '.'
  app.use('/assets/*', async (c, next) => {
    await next()
    if (c.res.status === 200) c.header('Cache-Control', 'public, max-age=31536000, immutable')
  })
  app.get('*', serveStatic({ root }))
  const html = readFileSync(index, 'utf8')
  app.get('*', (c, next) => (c.req.path.startsWith('/api/') ? next() : c.html(html)))
  return true
}
