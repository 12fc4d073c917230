import { toJsonSchema } from '@valibot/to-json-schema'
import type * as v from 'valibot'
import { ROLES } from '@veritrail/core'
import { SESSION_COOKIE } from './http/mount.js'
import { STATUS } from './http/problem.js'
import type { RouteDef } from './http/route.js'

/** A JSON Schema / OpenAPI object; the shapes are open-ended by design. */
type Json = Record<string, unknown>

/** The problem+json statuses an operation can answer, besides 5xx (CONTRACT §2). */
export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 423

const SECURITY = [{ sessionCookie: [] }, { bearerToken: [] }]

/**
 * The OpenAPI 3.1 document of the API, generated from the route registry (`allRoutes`): a route
 * added there appears here with its summary, tag, who may call it, its body and query schemas
 * (JSON Schema 2020-12 from the valibot schemas), path parameters, success status and the
 * problem+json answers it can give.
 *
 * @example
 * const doc = openApiDocument(allRoutes(core, options), { version: CORE_VERSION })
 */
export function openApiDocument(routes: readonly RouteDef[], info: { version: string }): Json {
  const paths: Record<string, Record<string, Json>> = {}
  for (const route of routes) {
    const path = openApiPath(route.path)
    paths[path] ??= {}
    paths[path][route.method.toLowerCase()] = operation(route)
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Veritrail API',
      version: info.version,
      description:
        'GxP audit trails, versioned electronic records, e-signatures and evidence. Every non-2xx answer is application/problem+json with a stable `code`. Sign in with `POST /api/v1/auth/login` (session cookie) or send an integration token as `Authorization: Bearer`.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [{ url: '/' }],
    tags: [...new Set(routes.map((r) => r.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        sessionCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: SESSION_COOKIE,
          description: 'Set by POST /api/v1/auth/login (HttpOnly, SameSite=Strict).',
        },
        bearerToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'A session token from login, or an integration API token (vtk_…).',
        },
      },
      schemas: { Problem: PROBLEM_SCHEMA },
      responses: Object.fromEntries(
        PROBLEM_STATUSES.map((s) => [`Problem${s}`, problemResponse(s)]),
      ),
    },
  }
}

/** `/api/v1/records/:type/:id` → `/api/v1/records/{type}/{id}` (regex constraints dropped). */
export function openApiPath(path: string): string {
  return path.replace(/:(\w+)(\{[^}]*\})?\??/g, '{$1}')
}

export function pathParams(path: string): string[] {
  return [...path.matchAll(/:(\w+)/g)].map((m) => m[1]!)
}

/** The roles that may call a route (`x-veritrail-roles`); none for public routes. */
export function allowedRoles(route: RouteDef): readonly string[] {
  if (route.access === 'public') return []
  return route.access === 'authenticated' ? ROLES : route.access
}

/** Which problem answers apply to a route, derived from its policy and inputs. */
export function problemStatuses(route: RouteDef): ProblemStatus[] {
  const write = route.method !== 'GET'
  const params = pathParams(route.path).length > 0
  const credentials =
    (route.access === 'public' && route.body !== undefined) || bodyTakesPassword(route)
  const out = new Set<ProblemStatus>()
  if (route.body || route.query || params) out.add(400)
  if (route.access !== 'public' || credentials) out.add(401)
  if (
    Array.isArray(route.access) ||
    (route.access === 'authenticated' && !route.duringMfaEnrolment) ||
    credentials
  )
    out.add(403)
  if (params) out.add(404)
  if (write && route.access !== 'public') out.add(409)
  if (route.body) out.add(413)
  if (write && route.body) out.add(422)
  if (credentials) out.add(423)
  return [...out].sort((a, b) => a - b)
}

function operation(route: RouteDef): Json {
  const roles = allowedRoles(route)
  const who =
    route.access === 'public'
      ? 'Public: no sign-in needed.'
      : `${route.access === 'authenticated' ? 'Any signed-in account. ' : ''}Roles: ${roles.join(', ')}.`
  const op: Json = {
    operationId: operationId(route),
    summary: route.summary,
    description: `${route.success.description}\n\n${who}`,
    tags: [route.tag],
    security: route.access === 'public' ? [] : SECURITY,
    'x-veritrail-access': Array.isArray(route.access) ? 'roles' : route.access,
    'x-veritrail-roles': [...roles],
  }
  const parameters = [
    ...pathParams(route.path).map((name) => ({
      name,
      in: 'path',
      required: true,
      schema: { type: 'string' },
    })),
    ...queryParams(route.query),
  ]
  if (parameters.length > 0) op.parameters = parameters
  const body = requestBody(route)
  if (body) op.requestBody = body
  op.responses = {
    [String(route.success.status)]: successResponse(route),
    ...Object.fromEntries(
      problemStatuses(route).map((s) => [
        String(s),
        { $ref: `#/components/responses/Problem${s}` },
      ]),
    ),
  }
  return op
}

function successResponse(route: RouteDef): Json {
  const { status, description, schema, mediaType = 'application/json' } = route.success
  if (status === 204) return { description }
  return { description, content: { [mediaType]: schema ? { schema: jsonSchema(schema) } : {} } }
}

function requestBody(route: RouteDef): Json | undefined {
  if (!route.body) return undefined
  if (route.body === 'raw') {
    const raw = route.rawBody ?? { mediaType: '*/*' }
    const schema = raw.schema
      ? jsonSchema(raw.schema)
      : { type: 'string', contentMediaType: 'application/octet-stream' }
    return { required: true, content: { [raw.mediaType]: { schema } } }
  }
  return { required: true, content: { 'application/json': { schema: jsonSchema(route.body) } } }
}

function queryParams(query: v.GenericSchema | undefined): Json[] {
  if (!query) return []
  const schema = jsonSchema(query)
  const properties = (schema.properties ?? {}) as Record<string, Json>
  const required = new Set((schema.required ?? []) as string[])
  return Object.entries(properties).map(([name, s]) => ({
    name,
    in: 'query',
    required: required.has(name),
    schema: s,
  }))
}

/** JSON Schema 2020-12 (the dialect of OpenAPI 3.1) of a valibot schema; checks it cannot express are left out. */
function jsonSchema(schema: v.GenericSchema): Json {
  const { $schema: _dialect, ...rest } = toJsonSchema(schema, {
    target: 'draft-2020-12',
    errorMode: 'ignore',
  }) as Json
  return rest
}

function bodyTakesPassword(route: RouteDef): boolean {
  const schema = route.body
  if (!schema || schema === 'raw') return false
  const properties = (jsonSchema(schema).properties ?? {}) as Record<string, unknown>
  return 'password' in properties || 'currentPassword' in properties
}

function operationId(route: RouteDef): string {
  const words = route.path
    .replace(/^\/api(\/v\d+)?\//, '')
    .split(/[/.-]/)
    .filter(Boolean)
    .map((segment) =>
      segment.startsWith(':')
        ? `By${cap(segment.slice(1).replace(/\{.*$|\?$/g, ''))}`
        : cap(segment),
    )
  return route.method.toLowerCase() + words.join('')
}

function cap(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1)
}

const PROBLEM_STATUSES: ProblemStatus[] = [400, 401, 403, 404, 409, 413, 422, 423]

const PROBLEM_SCHEMA: Json = {
  type: 'object',
  description: 'RFC 9457 problem details (CONTRACT §2).',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { type: 'string', format: 'uri' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: {
      type: 'string',
      description:
        'Stable machine-readable code, e.g. validation_failed, forbidden, version_conflict.',
    },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['path', 'message'],
        properties: { path: { type: 'string' }, message: { type: 'string' } },
      },
    },
    correlationId: {
      type: 'string',
      description: 'Also sent as X-Correlation-Id; names the audit entries of this request.',
    },
  },
  additionalProperties: true,
}

function problemResponse(status: ProblemStatus): Json {
  const codes = Object.entries(STATUS)
    .filter(([, s]) => s === status)
    .map(([code]) => `\`${code}\``)
  return {
    description: `Problem: ${codes.join(', ')}.`,
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  }
}
