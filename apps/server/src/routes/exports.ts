import * as v from 'valibot'
import { ExportFilterSchema, exportFormats, exportInWorker, exportSchema, planExport, VeritrailError, type Core, type PluginHost } from '@veritrail/core'
import { defineRoutes } from '../http/route.js'

/** CONTRACT §5: exports by qa, auditors and reviewers; a system administrator the system trail only. */
const EXPORTERS = ['qa', 'auditor', 'reviewer', 'sysadmin'] as const
const READERS = ['qa', 'reviewer', 'auditor', 'operator', 'sysadmin'] as const

const ExportBody = v.strictObject({
  // Formats come from the exporter plugins (GET /api/v1/export-formats): pdf, csv, jsonl, evidence.
  format: v.pipe(v.string(), v.regex(/^[a-z][a-z0-9.-]{0,99}$/, 'Name a format of GET /api/v1/export-formats: pdf, csv, jsonl or evidence.'), v.description('pdf, csv, jsonl or evidence (GET /api/v1/export-formats)')),
  filter: v.optional(ExportFilterSchema),
  locale: v.optional(v.picklist(['en', 'zh-CN'], 'Use en or zh-CN.')),
})

/**
 * Exports (CONTRACT §7): the file streams while a worker thread produces it, with a
 * Content-Disposition naming it; the export is a system-trail entry naming the filter, the
 * format and the file's SHA-256, written before the last byte is sent.
 */
export function exportRoutes(core: Core, plugins: PluginHost) {
  return defineRoutes([
    {
      method: 'GET',
      path: '/api/v1/export-formats',
      summary: 'List export formats',
      tag: 'exports',
      access: EXPORTERS,
      success: { status: 200, description: '[{format, exporterId, label, mediaType, fileExtension, pluginId, pluginVersion, schemas}]' },
      handler: async (c) => c.json(await exportFormats(plugins)),
    },
    {
      method: 'POST',
      path: '/api/v1/exports',
      summary: 'Export audit-trail entries and records',
      tag: 'exports',
      access: EXPORTERS,
      body: ExportBody,
      success: { status: 200, description: 'The file (PDF, CSV, JSON Lines or evidence zip), streamed with Content-Disposition; X-Veritrail-Checkpoints names the tree sizes it was cut from', mediaType: 'application/octet-stream' },
      handler: async (c, { body }) => {
        const request = body as v.InferOutput<typeof ExportBody>
        const plan = await planExport(core, plugins, { format: request.format, filter: request.filter ?? {}, locale: request.locale ?? c.get('locale') }, c.get('ctx'))
        const stream = await exportInWorker(core, plan)
        const type = plan.format.mediaType
        return c.body(stream, 200, {
          'content-type': type.startsWith('text/') ? `${type}; charset=utf-8` : type,
          'content-disposition': `attachment; filename="${plan.fileName}"`,
          'cache-control': 'no-store',
          'x-veritrail-checkpoints': plan.spec.checkpoints.map((cp) => `${cp.trail}=${cp.size}`).join(', '),
        })
      },
    },
    {
      method: 'GET',
      path: '/api/v1/schemas/:name',
      summary: 'Read a published export schema',
      tag: 'exports',
      access: READERS,
      success: { status: 200, description: 'A JSON Schema (draft 2020-12), e.g. entry.v1.schema.json for JSON Lines exports', mediaType: 'application/schema+json' },
      handler: async (c) => {
        const name = c.req.param('name') ?? ''
        if (!/^[a-z0-9][a-z0-9.-]*\.schema\.json$/.test(name)) throw new VeritrailError('not_found', `There is no schema “${name}”.`)
        return c.body(await exportSchema(plugins, name), 200, { 'content-type': 'application/schema+json; charset=utf-8' })
      },
    },
  ])
}
