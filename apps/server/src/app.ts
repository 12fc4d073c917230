import { Hono } from 'hono'
import { getConnInfo } from '@hono/node-server/conninfo'
import { pickLocale, uuidv7, type Core } from '@veritrail/core'
import type { AppEnv } from './http/env.js'
import { mountRoutes } from './http/mount.js'
import { mountAdmin } from './static.js'
import { problem, sendProblem, toProblem } from './http/problem.js'
import type { RouteDef } from './http/route.js'
import { auditRoutes } from './routes/audit.js'
import { docsRoutes } from './routes/docs.js'
import { authRoutes } from './routes/auth.js'
import { recordRoutes } from './routes/records.js'
import { ingestRoutes } from './routes/ingest.js'
import { signatureRoutes } from './routes/signatures.js'
import { reviewRoutes } from './routes/reviews.js'
import { systemRoutes } from './routes/system.js'
import { userRoutes } from './routes/users.js'
import { vocabularyRoutes } from './routes/vocabulary.js'

export interface AppOptions {
  dataDir: string
  dbUrl?: string
  /** Extra routes (plugins, reviews, exports, backups) contributed by other modules. */
  routes?: RouteDef[]
  /** Serve the built admin UI at `/` (default true when it is built). */
  serveAdmin?: boolean
  /** Where 5xx details go (never to the client). */
  log?: (line: string) => void
}

/** Every route of the API, in one list: the OpenAPI document and the role-matrix test read it. */
export function allRoutes(core: Core, options: AppOptions): RouteDef[] {
  return [
    ...systemRoutes(core),
    ...docsRoutes(() => allRoutes(core, options)),
    ...authRoutes(core),
    ...userRoutes(core),
    ...vocabularyRoutes(),
    ...recordRoutes(core),
    ...ingestRoutes(core),
    ...signatureRoutes(core),
    ...reviewRoutes(core),
    ...auditRoutes(core, { dataDir: options.dataDir, ...(options.dbUrl ? { dbUrl: options.dbUrl } : {}) }),
    ...(options.routes ?? []),
  ]
}

/** The HTTP adapter: authenticates, validates, authorises and calls the core (ARCHITECTURE §1). */
export function createApp(core: Core, options: AppOptions): { app: Hono<AppEnv>; routes: RouteDef[] } {
  const app = new Hono<AppEnv>()
  const log = options.log ?? ((line) => process.stderr.write(line + '\n'))

  app.use('*', async (c, next) => {
    const correlationId = uuidv7()
    c.set('correlationId', correlationId)
    let ip = ''
    try {
      ip = getConnInfo(c).remote.address ?? ''
    } catch {
      ip = ''
    }
    c.set('client', { ip, userAgent: (c.req.header('user-agent') ?? '').slice(0, 500) })
    c.set('locale', pickLocale(c.req.query('locale') ?? c.req.header('accept-language')))
    c.header('X-Correlation-Id', correlationId)
    c.header('X-Content-Type-Options', 'nosniff')
    c.header('Referrer-Policy', 'no-referrer')
    await next()
  })

  const routes = allRoutes(core, options)
  mountRoutes(app, routes, core)
  if (options.serveAdmin !== false) mountAdmin(app)

  app.notFound((c) => sendProblem(c, problem('not_found', `There is nothing at ${c.req.method} ${c.req.path}.`)))
  app.onError((error, c) => {
    const p = toProblem(error)
    if (p.status >= 500) log(`[${c.get('correlationId')}] ${c.req.method} ${c.req.path}: ${error instanceof Error ? error.stack : String(error)}`)
    return sendProblem(c, { ...p, correlationId: c.get('correlationId') })
  })
  return { app, routes }
}
