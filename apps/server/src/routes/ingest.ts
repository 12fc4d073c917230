import * as v from 'valibot'
import { IngestItemSchema, IngestSchema, MAX_INGEST_ITEMS, type Core } from '@veritrail/core'
import { MiB, defineRoutes } from '../http/route.js'
import { parseJsonBody } from '../http/json.js'
import { readText } from '../http/mount.js'

export const INGEST_LIMIT = 16 * MiB

/** Ingestion for MES/LIMS integrations (CONTRACT §4). */
export function ingestRoutes(core: Core) {
  return defineRoutes([
    {
      method: 'POST',
      path: '/api/v1/ingest',
      summary: 'Ingest a batch from a source system',
      tag: 'ingest',
      access: ['integration'],
      body: 'raw',
      rawBody: { mediaType: 'application/json', schema: v.object({ ...IngestSchema.entries, items: v.pipe(v.array(IngestItemSchema), v.minLength(1), v.maxLength(MAX_INGEST_ITEMS)) }) },
      bodyLimit: INGEST_LIMIT,
      success: { status: 200, description: '{status: "accepted", results}: every item written, or (400) none, with per-item errors' },
      handler: async (c) => {
        const body = parseJsonBody(await readText(c, INGEST_LIMIT))
        const outcome = await core.ingest.ingest(body, c.get('ctx'))
        if (outcome.replayed) c.header('Idempotent-Replayed', 'true')
        const type = outcome.status >= 400 ? 'application/problem+json; charset=utf-8' : 'application/json; charset=utf-8'
        return c.body(JSON.stringify(outcome.body), outcome.status as 200, { 'content-type': type })
      },
    },
  ])
}
