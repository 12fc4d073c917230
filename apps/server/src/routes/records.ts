import * as v from 'valibot'
import { LOCALES, actingRole, recordJsonSchema, type Core, type Locale, type RecordTypeDefinition, type RecordView } from '@veritrail/core'
import { defineRoutes } from '../http/route.js'

const READERS = ['operator', 'reviewer', 'qa', 'auditor', 'sysadmin'] as const
const WRITERS = ['operator'] as const
const Reason = v.optional(v.object({ code: v.optional(v.string()), text: v.optional(v.string()) }))

/** The record type as the API describes it (CONTRACT §4), labels in the request's locale. */
export function describeType(t: RecordTypeDefinition, locale: Locale) {
  return {
    id: t.id,
    version: t.version,
    title: t.title[locale],
    titles: t.title,
    fields: Object.entries(t.fields).map(([name, f]) => ({
      name,
      label: f.label[locale],
      labels: f.label,
      kind: f.kind,
      critical: f.critical !== undefined,
      ...(f.critical ? { criticality: f.critical } : {}),
      ...(f.unit ? { unit: f.unit } : {}),
      ...(f.references ? { references: f.references } : {}),
      ...(f.options ? { options: f.options.map((o) => ({ value: o.value, label: o.label[locale] })) } : {}),
      ...(f.range ? { range: f.range } : {}),
      ...(f.columns ? { columns: Object.entries(f.columns).map(([n, c]) => ({ name: n, label: c.label[locale], kind: c.kind, ...(c.unit ? { unit: c.unit } : {}) })) } : {}),
    })),
    reasons: t.reasons.map((r) => ({ code: r.code, label: r.label[locale], requiresText: r.requiresText === true })),
    ...(t.lifecycle
      ? {
          lifecycle: {
            field: t.lifecycle.field,
            initial: t.lifecycle.initial,
            states: t.lifecycle.states.map((s) => ({ id: s.id, label: s.label[locale], locks: s.locks ?? false })),
            transitions: t.lifecycle.transitions.map((tr) => ({ from: tr.from, to: tr.to, label: tr.label[locale], signatures: tr.signatures ?? [], requiresReview: tr.requiresReview ?? false })),
          },
        }
      : {}),
    deletable: t.deletable?.roles ?? [],
    ...(t.summary ? { summary: t.summary } : {}),
    jsonSchema: recordJsonSchema(t),
    locales: LOCALES,
  }
}

function view(r: RecordView) {
  return { id: r.id, type: r.type, typeVersion: r.typeVersion, version: r.version, data: r.data, deleted: r.deleted, seq: r.seq, ts: r.ts, actorId: r.actorId }
}

/** Record types and records (CONTRACT §4). */
export function recordRoutes(core: Core) {
  return defineRoutes([
    {
      method: 'GET',
      path: '/api/v1/record-types',
      summary: 'List record types',
      tag: 'records',
      access: [...READERS, 'integration'],
      success: { status: 200, description: 'Every record type with field labels, critical fields, reasons and JSON Schema' },
      handler: async (c) => c.json(core.records.types().map((t) => describeType(t, c.get('locale')))),
    },
    {
      method: 'GET',
      path: '/api/v1/records/:type',
      summary: 'List records of a type',
      tag: 'records',
      access: READERS,
      query: v.object({ limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,3}$/))), cursor: v.optional(v.string()), deleted: v.optional(v.picklist(['true', 'false'])) }),
      success: { status: 200, description: '{records, nextCursor}: current versions, newest first' },
      handler: async (c, { query }) => {
        const limit = Math.min(Math.max(Number(query.limit ?? 50), 1), 500)
        const list = await core.records.list(c.req.param('type')!, {
          limit: limit + 1,
          ...(query.cursor ? { before: String(query.cursor) } : {}),
          includeDeleted: query.deleted === 'true',
        })
        const page = list.slice(0, limit)
        return c.json({ records: page.map(view), nextCursor: list.length > limit ? page.at(-1)!.id : null })
      },
    },
    {
      method: 'POST',
      path: '/api/v1/records/:type',
      summary: 'Create a record',
      tag: 'records',
      access: WRITERS,
      body: v.object({ data: v.unknown() }),
      success: { status: 201, description: '{id, version: 1, seq}' },
      handler: async (c, { body }) => {
        const result = await core.records.create(c.req.param('type')!, (body as { data: unknown }).data, c.get('ctx'))
        return c.json({ id: result.id, version: result.version, seq: result.seq }, 201)
      },
    },
    {
      method: 'GET',
      path: '/api/v1/records/:type/:id',
      summary: 'Read a record',
      tag: 'records',
      access: READERS,
      success: { status: 200, description: '{id, type, version, data, deleted}' },
      handler: async (c) => c.json(view(await core.records.get(c.req.param('type')!, c.req.param('id')!))),
    },
    {
      method: 'GET',
      path: '/api/v1/records/:type/:id/versions',
      summary: 'Read every version of a record',
      tag: 'records',
      access: READERS,
      success: { status: 200, description: 'Every version, oldest first, each with its seq' },
      handler: async (c) => c.json((await core.records.versions(c.req.param('type')!, c.req.param('id')!)).map(view)),
    },
    {
      method: 'PUT',
      path: '/api/v1/records/:type/:id',
      summary: 'Change a record',
      tag: 'records',
      access: WRITERS,
      body: v.object({
        data: v.unknown(),
        baseVersion: v.pipe(v.number(), v.integer(), v.minValue(1)),
        reason: Reason,
        changeControl: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(200))),
        authorization: v.optional(v.object({ username: v.string(), password: v.string() })),
      }),
      success: { status: 200, description: '{version, seq}; a record locked by change control also needs changeControl and a second person’s authorization' },
      handler: async (c, { body }) => {
        const b = body as { data: unknown; baseVersion: number; reason?: { code?: string; text?: string }; changeControl?: string; authorization?: { username: string; password: string } }
        const ctx = { ...c.get('ctx') }
        if (b.authorization) ctx.authorizer = await core.sessions.verifyApprover(b.authorization, ['qa'], ctx)
        const { authorization: _a, ...input } = b
        const result = await core.records.update(c.req.param('type')!, c.req.param('id')!, input, ctx)
        return c.json({ version: result.version, seq: result.seq, ...(result.unchanged ? { unchanged: true } : {}) })
      },
    },
    {
      method: 'DELETE',
      path: '/api/v1/records/:type/:id',
      summary: 'Delete a record (a tombstone version)',
      tag: 'records',
      access: ['operator', 'qa'],
      body: v.object({ reason: v.union([v.string(), v.object({ code: v.optional(v.string()), text: v.optional(v.string()) })]) }),
      success: { status: 200, description: '{version, seq} of the tombstone' },
      handler: async (c, { body }) => {
        const r = (body as { reason: string | { code?: string; text?: string } }).reason
        // Acting in the role the record type lets delete, when the person holds several.
        const ctx = { ...c.get('ctx') }
        const allowed = core.records.type(c.req.param('type')!).deletable?.roles ?? []
        const role = actingRole(c.get('principal').account.roles, allowed)
        if (role) ctx.actor = { ...ctx.actor, role }
        const result = await core.records.delete(c.req.param('type')!, c.req.param('id')!, { reason: typeof r === 'string' ? { text: r } : r }, ctx)
        return c.json({ version: result.version, seq: result.seq })
      },
    },
  ])
}
