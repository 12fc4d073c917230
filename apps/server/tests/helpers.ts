import * as v from 'valibot'
import { ROLES, type Core, type Role } from '@veritrail/core'
import { client, integration, person, type ApiResponse } from './harness.js'

export type Api = ReturnType<typeof client>

/** A signed-in account acting in one role: people hold a session token, integrations an API token. */
export interface RoleActor {
  role: Role
  username: string
  id: string
  token: string
  password?: string
}

/** One account per role of CONTRACT §3, each holding only that role. */
export async function actorsForRoles(
  api: Api,
  admin: string,
  prefix: string,
): Promise<Record<Role, RoleActor>> {
  const out = {} as Record<Role, RoleActor>
  for (const role of ROLES) {
    const username = `${prefix}-${role}`
    if (role === 'integration') {
      const it = await integration(api, admin, username)
      out[role] = { role, username, ...it }
    } else {
      const p = await person(api, admin, username, [role])
      out[role] = { role, username, ...p }
    }
  }
  return out
}

/** Signs a person in again (a fresh session), e.g. after a route ended the previous one. */
export async function signIn(api: Api, username: string, password: string): Promise<string> {
  const res = await api('POST', '/api/v1/auth/login', { body: { username, password } })
  if (res.status !== 200) throw new Error(`cannot sign in ${username}: ${res.text}`)
  return res.json.token as string
}

/** `/api/v1/records/:type/:id` with `values` for the parameters (URL-encoded). */
export function fillPath(path: string, values: (name: string) => string): string {
  return path.replace(/:(\w+)(\{[^}]*\})?\??/g, (_, name: string) =>
    encodeURIComponent(values(name)),
  )
}

const TEXT = 'Matrix sample value 0001'
const PATTERN_CANDIDATES = [
  'sample',
  '1',
  '12',
  '123',
  '2026-11-22',
  '2026-11-22T08:00:00Z',
  '07:00',
  'ABCDEFGHIJKLMNOP',
  'a'.repeat(32),
]

/**
 * A small value that satisfies a valibot schema: optional entries are left out, unions take
 * their first option, strings and numbers respect length and range checks. `hint(key)` offers
 * domain values (a real role name, a password) for required entries, used when the schema
 * accepts them.
 */
export function sampleOf(
  schema: v.GenericSchema,
  hint: (key: string) => unknown = () => undefined,
  key = '',
): unknown {
  const hinted = hint(key)
  if (hinted !== undefined && v.is(schema, hinted)) return hinted
  // valibot's schema objects differ by `type`; reading their fields needs a loose view.
  const s = schema as unknown as {
    type: string
    pipe?: { type: string; requirement?: unknown }[]
    [k: string]: unknown
  }
  const checks = (s.pipe ?? []).slice(1)
  const req = (type: string) => checks.find((c) => c.type === type)?.requirement
  switch (s.type) {
    case 'object':
    case 'strict_object':
    case 'loose_object': {
      const entries = s.entries as Record<string, v.GenericSchema>
      const out: Record<string, unknown> = {}
      for (const [name, entry] of Object.entries(entries)) {
        const t = (entry as unknown as { type: string }).type
        if (t === 'optional' || t === 'exact_optional' || t === 'nullish' || t === 'undefinedable')
          continue
        out[name] = sampleOf(entry, hint, name)
      }
      return out
    }
    case 'optional':
    case 'exact_optional':
    case 'nullable':
    case 'nullish':
    case 'undefinedable':
    case 'non_optional':
    case 'non_nullable':
      return sampleOf(s.wrapped as v.GenericSchema, hint, key)
    case 'union':
    case 'variant':
      return sampleOf((s.options as v.GenericSchema[])[0]!, hint, key)
    case 'picklist':
      return (s.options as unknown[])[0]
    case 'enum':
      return Object.values(s.enum as Record<string, unknown>)[0]
    case 'literal':
      return s.literal
    case 'array': {
      const min = Number(req('min_length') ?? req('non_empty') ?? 1)
      return Array.from({ length: Math.max(1, min) }, () =>
        sampleOf(s.item as v.GenericSchema, hint, key),
      )
    }
    case 'tuple':
      return (s.items as v.GenericSchema[]).map((item) => sampleOf(item, hint, key))
    case 'record':
      return {}
    case 'boolean':
      return true
    case 'null':
      return null
    case 'number': {
      const min = Number(req('min_value') ?? 1)
      const max = Number(req('max_value') ?? Number.MAX_SAFE_INTEGER)
      return Math.min(Math.max(1, min), max)
    }
    case 'string': {
      const pattern = req('regex') as RegExp | undefined
      if (pattern) return PATTERN_CANDIDATES.find((c) => v.is(schema, c)) ?? TEXT
      const min = Number(req('min_length') ?? 0)
      const max = Number(req('max_length') ?? Infinity)
      return TEXT.padEnd(min, 'x').slice(0, max)
    }
    default:
      return {}
  }
}

/** Every entry of both trails exactly as stored, in commit order. */
export async function storedEntries(
  core: Core,
): Promise<{ id: number; trail: string; seq: number; bytes: string; leafHash: string }[]> {
  const rs = await core.store.connections.reader.execute(
    'SELECT id, trail, seq, bytes, hex(leaf_hash) FROM entries ORDER BY id',
  )
  return rs.rows.map((r) => ({
    id: Number(r[0]),
    trail: String(r[1]),
    seq: Number(r[2]),
    bytes: String(r[3]),
    leafHash: String(r[4]),
  }))
}

/** Every entry of a trail as the API serves it (oldest first), paging through `GET /audit`. */
export async function servedTrail(
  api: Api,
  token: string,
  trail: 'data' | 'system',
): Promise<string[]> {
  const out: string[] = []
  let cursor: string | null = null
  do {
    const res: ApiResponse = await api(
      'GET',
      `/api/v1/audit?trail=${trail}&order=asc&limit=500${cursor ? `&cursor=${cursor}` : ''}`,
      { token },
    )
    if (res.status !== 200) throw new Error(`cannot read the ${trail} trail: ${res.text}`)
    for (const e of res.json.entries as unknown[]) out.push(JSON.stringify(e))
    cursor = res.json.nextCursor as string | null
  } while (cursor)
  return out
}

/** Sizes of both trails, read from the public health endpoint. */
export async function trailSizes(api: Api): Promise<{ data: number; system: number }> {
  const res = await api('GET', '/api/v1/health')
  return { data: res.json.trails.data.size, system: res.json.trails.system.size }
}

/** A problem+json answer with a stable code (CONTRACT §2). */
export function isProblem(res: ApiResponse): boolean {
  return (
    /^application\/problem\+json/.test(res.headers.get('content-type') ?? '') &&
    typeof res.json?.code === 'string' &&
    res.json.status === res.status
  )
}
