import { Readable } from 'node:stream'
import * as v from 'valibot'
import { CORE_VERSION, VeritrailError, type Core } from '@veritrail/core'
import { readBytes } from '../http/mount.js'
import { MiB, defineRoutes } from '../http/route.js'

/** Attachments may be raw instrument files: larger than JSON bodies. */
export const ATTACHMENT_LIMIT = 64 * MiB

/** Settings, alerts, attachments (CONTRACT §8) and health (§9). */
export function systemRoutes(core: Core) {
  return defineRoutes([
    {
      method: 'GET',
      path: '/api/v1/health',
      summary: 'Check the server is up',
      tag: 'system',
      access: 'public',
      success: { status: 200, description: '{status, version, trails}' },
      handler: async (c) => {
        const [data, system] = await Promise.all([core.store.read.trailSize('data'), core.store.read.trailSize('system')])
        return c.json({ status: 'ok', version: CORE_VERSION, trails: { data: { size: data }, system: { size: system } } })
      },
    },
    {
      method: 'GET',
      path: '/api/v1/settings',
      summary: 'Read the settings',
      tag: 'settings',
      access: ['sysadmin', 'qa', 'auditor'],
      success: { status: 200, description: 'The settings in force' },
      handler: async (c) => c.json(await core.settings.get()),
    },
    {
      method: 'PUT',
      path: '/api/v1/settings',
      summary: 'Change settings',
      tag: 'settings',
      access: ['sysadmin'],
      body: v.object({ changes: v.unknown(), reason: v.union([v.string(), v.object({ code: v.optional(v.string()), text: v.optional(v.string()) })]) }),
      success: { status: 200, description: 'The settings now in force; the change is a config_change entry with old and new values' },
      handler: async (c, { body }) => {
        const b = body as { changes: unknown; reason: string | { code?: string; text?: string } }
        const reason = typeof b.reason === 'string' ? { text: b.reason } : b.reason
        return c.json(await core.settings.change(b.changes, reason, c.get('ctx')))
      },
    },
    {
      method: 'GET',
      path: '/api/v1/alerts',
      summary: 'List alerts',
      tag: 'alerts',
      access: ['sysadmin', 'qa', 'auditor'],
      success: { status: 200, description: 'Alerts, newest first' },
      handler: async (c) => c.json(await core.alerts.list({ limit: Math.min(Number(c.req.query('limit') ?? 100) || 100, 500) })),
    },
    {
      method: 'POST',
      path: '/api/v1/attachments',
      summary: 'Upload an attachment',
      tag: 'attachments',
      access: ['operator', 'qa', 'reviewer', 'integration'],
      body: 'raw',
      bodyLimit: ATTACHMENT_LIMIT,
      success: { status: 201, description: '{sha256, size, mediaType}; the same bytes again answer 200 with the same hash' },
      handler: async (c) => {
        const bytes = await readBytes(c, ATTACHMENT_LIMIT)
        if (bytes.byteLength === 0) throw new VeritrailError('validation_failed', 'The attachment is empty: send the file as the request body.', { errors: [{ path: '', message: 'Empty body.' }] })
        const disposition = c.req.header('content-disposition') ?? ''
        const filename = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1]
        const info = await core.attachments.put(
          bytes,
          { mediaType: c.req.header('content-type') ?? 'application/octet-stream', ...(filename ? { filename: safeDecode(filename) } : {}) },
          c.get('ctx'),
        )
        return c.json({ sha256: info.sha256, size: info.size, mediaType: info.mediaType, filename: info.filename }, info.created ? 201 : 200)
      },
    },
    {
      method: 'GET',
      path: '/api/v1/attachments/:sha256',
      summary: 'Download an attachment',
      tag: 'attachments',
      access: ['operator', 'reviewer', 'qa', 'auditor', 'sysadmin'],
      success: { status: 200, description: 'The bytes, with their media type' },
      handler: async (c) => {
        const { info, stream } = await core.attachments.open(c.req.param('sha256')!)
        const name = info.filename ?? info.sha256
        return new Response(Readable.toWeb(stream) as ReadableStream, {
          status: 200,
          headers: {
            'content-type': info.mediaType,
            'content-length': String(info.size),
            'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
            etag: `"${info.sha256}"`,
            'cache-control': 'private, max-age=31536000, immutable',
          },
        })
      },
    },
  ])
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}
