import { Hono } from 'hono'
import { CORE_VERSION, type Core } from '@veritrail/core'

/** The HTTP adapter: routes only; business rules live in the core (ARCHITECTURE §1). */
export function createApp(core: Core): Hono {
  const app = new Hono()

  app.get('/api/v1/health', async (c) => {
    const [data, system] = await Promise.all([core.store.read.trailSize('data'), core.store.read.trailSize('system')])
    return c.json({ status: 'ok', version: CORE_VERSION, trails: { data: { size: data }, system: { size: system } } })
  })

  app.notFound((c) =>
    c.json(
      { type: 'about:blank', title: 'Not found', status: 404, code: 'not_found', detail: `There is nothing at ${c.req.path}.` },
      404,
      { 'content-type': 'application/problem+json' },
    ),
  )
  return app
}
