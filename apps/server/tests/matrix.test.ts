// The role matrix (R-AC-*, R-AT-03, R-AT-13, R-AP-01): every route of the registry × every role
// plus no credentials, generated from `allRoutes`, so a route added without a policy, or with a
// policy the server does not enforce, fails here.
import * as v from 'valibot'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROLES, isRole, type Role } from '@veritrail/core'
import type { RouteDef } from '../src/http/route.js'
import {
  adminToken,
  client,
  person,
  startServer,
  type ApiResponse,
  type TestServer,
} from './harness.js'
import {
  actorsForRoles,
  fillPath,
  isProblem,
  sampleOf,
  servedTrail,
  signIn,
  storedEntries,
  trailSizes,
  type RoleActor,
} from './helpers.js'

/** The only routes anyone may call without signing in. */
const PUBLIC_ROUTES = new Set([
  'GET /api/v1/health',
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/password',
  'GET /api/v1/openapi.json',
  'GET /api/docs',
  'GET /api/docs/:asset',
])
/** Routes for any signed-in account, whatever its role (integration accounts included). */
const ANY_ACCOUNT_ROUTES = new Set([
  'POST /api/v1/auth/logout',
  'GET /api/v1/auth/me',
  'GET /api/v1/vocabulary',
])
const NO_SUCH_ID = '00000000-0000-7000-8000-000000000000'
const SUPPLIER = 'meddev.supplierQualification'

let server: TestServer
let api: ReturnType<typeof client>
let admin: string
let actors: Record<Role, RoleActor>
let deletableBy: Map<string, string[]>
let unique = 0

beforeAll(async () => {
  server = await startServer()
  api = client(server.url)
  admin = await adminToken(api)
  actors = await actorsForRoles(api, admin, 'mx')
  // Signers accept the signature statement first, so signing routes reach their handlers.
  for (const role of ['operator', 'reviewer', 'qa'] as const) {
    expect(
      (await api('POST', '/api/v1/signatures/statement', { token: actors[role].token })).status,
    ).toBe(204)
  }
  const types = await api('GET', '/api/v1/record-types', { token: actors.qa.token })
  deletableBy = new Map(
    (types.json as { id: string; deletable: string[] }[]).map((t) => [t.id, t.deletable]),
  )
})
afterAll(async () => server.close())

const label = (r: RouteDef) => `${r.method} ${r.path}`

/** Parameters that reach the handler: a record type the role may use, otherwise ids that do not exist. */
function pathFor(route: RouteDef, role: Role | undefined): string {
  return fillPath(route.path, (name) => {
    if (name === 'type') {
      if (route.method !== 'DELETE' || !role) return SUPPLIER
      return [...deletableBy].find(([, roles]) => roles.includes(role))?.[0] ?? SUPPLIER
    }
    if (name === 'trail') return 'data'
    if (name === 'seq') return '1'
    if (name === 'sha256') return '0'.repeat(64)
    if (name === 'asset') return 'init.js'
    return NO_SUCH_ID
  })
}

/** Values with a domain meaning, used where the route's schema accepts them. */
function hint(actor: RoleActor | undefined): (key: string) => unknown {
  return (key) => {
    switch (key) {
      case 'username':
        return `mx-new-${++unique}`
      case 'roles':
        return ['auditor']
      case 'password':
        return actor?.password ?? 'a password nobody has'
      case 'meaning':
        return actor?.role === 'operator' ? 'authorship' : 'review'
      case 'reason':
        return 'Role matrix test'
      case 'type':
        return SUPPLIER
      case 'scope':
        return { recordType: SUPPLIER, recordId: NO_SUCH_ID }
      case 'idempotencyKey':
        return `matrix-${++unique}-key`
      default:
        return undefined
    }
  }
}

/** A request a caller in `actor`'s role could send: a body valid for the route's schema. */
async function call(
  route: RouteDef,
  actor: RoleActor | undefined,
  token = actor?.token,
): Promise<ApiResponse> {
  const path = pathFor(route, actor?.role)
  const options: Parameters<typeof api>[2] = token ? { token } : {}
  if (route.body === 'raw') {
    const schema = route.rawBody?.schema
    if (schema) options.body = sampleOf(schema, hint(actor))
    else options.raw = 'matrix attachment bytes'
  } else if (route.body) {
    const body = sampleOf(route.body, hint(actor))
    expect(
      v.is(route.body, body),
      `${label(route)}: the sample body must pass the route's schema`,
    ).toBe(true)
    options.body = body
  }
  return api(route.method, path, options)
}

describe('route policies', () => {
  it('every route declares who may call it, and only the allow-listed routes are public', () => {
    expect(server.routes.length).toBeGreaterThan(30)
    for (const route of server.routes) {
      const access = route.access as unknown
      const valid =
        access === 'public' ||
        access === 'authenticated' ||
        (Array.isArray(access) && access.length > 0 && access.every(isRole))
      expect(valid, `${label(route)} has no valid access policy: ${JSON.stringify(access)}`).toBe(
        true,
      )
      if (access === 'public')
        expect(PUBLIC_ROUTES.has(label(route)), `${label(route)} must not be public`).toBe(true)
      if (access === 'authenticated')
        expect(
          ANY_ACCOUNT_ROUTES.has(label(route)),
          `${label(route)} must name the roles that may call it`,
        ).toBe(true)
    }
    const keys = server.routes.map(label)
    expect(new Set(keys).size, 'a method and path are registered once').toBe(keys.length)
    for (const key of [...PUBLIC_ROUTES, ...ANY_ACCOUNT_ROUTES])
      expect(keys, `${key} is registered`).toContain(key)
  })

  it('no credentials: every non-public route answers 401 and changes nothing', async () => {
    for (const route of server.routes) {
      const before = await trailSizes(api)
      const res = await call(route, undefined)
      expect(res.status, `${label(route)} ${res.text}`).toBeLessThan(500)
      expect(isProblem(res) || res.status < 400, label(route)).toBe(true)
      if (route.access === 'public') continue
      expect(res.status, label(route)).toBe(401)
      expect(res.json.code).toBe('unauthenticated')
      expect(await trailSizes(api), label(route)).toEqual(before)
    }
    for (const token of ['vts_not-a-session', 'vtk_not-a-token', '']) {
      expect(
        (await api('GET', '/api/v1/audit', { headers: { authorization: `Bearer ${token}` } }))
          .status,
      ).toBe(401)
    }
    expect(
      (await api('GET', '/api/v1/audit', { headers: { cookie: 'vt_session=vts_forged' } })).status,
    ).toBe(401)
  })

  it('each role: refused with 403 forbidden and exactly one access_denied entry where not allowed, past the policy where allowed', async () => {
    let refusals = 0
    let allowed = 0
    for (const route of server.routes) {
      if (route.access === 'public') continue
      const roles: readonly string[] = route.access === 'authenticated' ? ROLES : route.access
      for (const role of ROLES) {
        const actor = actors[role]
        const before = await trailSizes(api)
        const res = await call(route, actor)
        const what = `${label(route)} as ${role}: ${res.status} ${res.text.slice(0, 300)}`
        expect(res.status, what).toBeLessThan(500)
        if (res.status >= 400) expect(isProblem(res), what).toBe(true)
        if (!roles.includes(role)) {
          refusals++
          expect(res.status, what).toBe(403)
          expect(res.json.code, what).toBe('forbidden')
          const after = await trailSizes(api)
          expect(after, what).toEqual({ data: before.data, system: before.system + 1 })
          const entry = await api('GET', `/api/v1/audit/system/${after.system}`, {
            token: actors.auditor.token,
          })
          expect(entry.json, what).toMatchObject({
            action: 'access_denied',
            actor: { id: actor.id, role },
            correlationId: res.headers.get('x-correlation-id'),
            details: { method: route.method, path: pathFor(route, role) },
          })
          continue
        }
        allowed++
        expect([401, 403], what).not.toContain(res.status)
        // Only signing out may end the session; every other route leaves it usable.
        if ((await api('GET', '/api/v1/auth/me', { token: actor.token })).status !== 200) {
          expect(route.path, `${what} ended the session`).toBe('/api/v1/auth/logout')
          actor.token = await signIn(api, actor.username, actor.password!)
        }
      }
    }
    expect(refusals).toBeGreaterThan(100)
    expect(allowed).toBeGreaterThan(50)
    expect(server.logs).toEqual([])
  })

  it('a sign-in session works by cookie as well as by bearer token', async () => {
    const login = await api('POST', '/api/v1/auth/login', {
      body: { username: actors.auditor.username, password: actors.auditor.password },
    })
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!
    expect(cookie).toMatch(/^vt_session=vts_/)
    expect(login.headers.get('set-cookie')).toMatch(/HttpOnly/i)
    expect(login.headers.get('set-cookie')).toMatch(/SameSite=Strict/i)
    expect((await api('GET', '/api/v1/audit?limit=1', { headers: { cookie } })).status).toBe(200)
    expect(
      (
        await api('GET', '/api/v1/users', {
          headers: { cookie: cookie.replace('vt_session=', 'vt_session=x') },
        })
      ).status,
    ).toBe(401)
  })
})

describe('several roles (R-AT-03)', () => {
  it('an entry names the role the user acted in, chosen by what the route needs', async () => {
    const omar = await person(api, admin, 'omar', ['operator', 'reviewer'])
    const olivia = actors.operator
    const supplier = {
      supplierCode: 'SUP-7001',
      supplierName: 'Matrix Supplier',
      scope: 'Housings',
      supplierClass: 'A',
      qualificationStatus: 'pending',
    }
    const theirs = await api('POST', `/api/v1/records/${SUPPLIER}`, {
      token: olivia.token,
      body: { data: supplier },
    })
    expect(theirs.status, theirs.text).toBe(201)

    // Opening a review needs reviewer or qa: omar acts as reviewer.
    const review = await api('POST', '/api/v1/reviews', {
      token: omar.token,
      body: { scope: { recordType: SUPPLIER, recordId: theirs.json.id } },
    })
    expect(review.status, review.text).toBe(201)
    const opened = await api(
      'GET',
      `/api/v1/audit?trail=system&action=review_open&actor=omar&limit=1`,
      { token: actors.auditor.token },
    )
    expect(opened.json.entries[0]).toMatchObject({
      actor: { username: 'omar', role: 'reviewer' },
      correlationId: review.headers.get('x-correlation-id'),
    })

    // Creating a record needs operator: the same person acts as operator.
    const mine = await api('POST', `/api/v1/records/${SUPPLIER}`, {
      token: omar.token,
      body: { data: { ...supplier, supplierCode: 'SUP-7002' } },
    })
    expect(mine.status, mine.text).toBe(201)
    const created = await api('GET', `/api/v1/audit/data/${mine.json.seq}`, {
      token: actors.auditor.token,
    })
    expect(created.json).toMatchObject({
      action: 'create',
      actor: { username: 'omar', role: 'operator' },
    })

    // Signing: a review signature is signed as reviewer, authorship as operator.
    expect((await api('POST', '/api/v1/signatures/statement', { token: omar.token })).status).toBe(
      204,
    )
    const reviewSig = await api('POST', '/api/v1/signatures', {
      token: omar.token,
      body: {
        target: { type: SUPPLIER, id: theirs.json.id, version: 1 },
        meaning: 'review',
        username: 'omar',
        password: omar.password,
      },
    })
    expect(reviewSig.status, reviewSig.text).toBe(201)
    expect(reviewSig.json.signer.role).toBe('reviewer')
    expect(
      (
        await api('GET', `/api/v1/audit/data/${reviewSig.json.seq}`, {
          token: actors.auditor.token,
        })
      ).json,
    ).toMatchObject({ action: 'sign', actor: { role: 'reviewer' } })
    const authorship = await api('POST', '/api/v1/signatures', {
      token: omar.token,
      body: {
        target: { type: SUPPLIER, id: mine.json.id, version: 1 },
        meaning: 'authorship',
        password: omar.password,
      },
    })
    expect(authorship.status, authorship.text).toBe(201)
    expect(
      (
        await api('GET', `/api/v1/audit/data/${authorship.json.seq}`, {
          token: actors.auditor.token,
        })
      ).json,
    ).toMatchObject({ action: 'sign', actor: { role: 'operator' } })

    // Reviewing his own record is refused for segregation of duties, with exactly one entry.
    const before = await trailSizes(api)
    const own = await api('POST', '/api/v1/reviews', {
      token: omar.token,
      body: { scope: { recordType: SUPPLIER, recordId: mine.json.id } },
    })
    expect(own.status).toBe(403)
    expect(own.json.code).toBe('segregation_of_duties')
    expect(await trailSizes(api)).toEqual({ data: before.data, system: before.system + 1 })

    // A route neither role allows: refused, and the entry says which roles he holds.
    const refused = await api('GET', '/api/v1/users', { token: omar.token })
    expect(refused.status).toBe(403)
    const denied = await api('GET', `/api/v1/audit/system/${before.system + 2}`, {
      token: actors.auditor.token,
    })
    expect(denied.json).toMatchObject({
      action: 'access_denied',
      actor: { username: 'omar', role: 'operator' },
      details: { holds: 'operator, reviewer', needs: 'sysadmin or auditor' },
    })
  })
})

describe('refusals decided inside a service', () => {
  /** Sends the request and checks it was refused with one system entry naming the request. */
  async function refusedOnce(
    method: string,
    path: string,
    token: string,
    body: unknown,
    code: string,
  ): Promise<void> {
    const before = await trailSizes(api)
    const res = await api(method, path, { token, body })
    expect(res.status, res.text).toBe(403)
    expect(res.json.code).toBe(code)
    const after = await trailSizes(api)
    expect(after, `${method} ${path}`).toEqual({ data: before.data, system: before.system + 1 })
    const entry = await api('GET', `/api/v1/audit/system/${after.system}`, {
      token: actors.auditor.token,
    })
    expect(entry.json).toMatchObject({
      action: 'access_denied',
      correlationId: res.headers.get('x-correlation-id'),
    })
  }

  it('append exactly one access_denied entry, whether the service or the server writes it', async () => {
    // The record type, not the route, says who deletes (training: qa only).
    await refusedOnce(
      'DELETE',
      `/api/v1/records/meddev.training/${NO_SUCH_ID}`,
      actors.operator.token,
      { reason: 'Entered twice' },
      'forbidden',
    )
    // The signing service records its own refusal: still one entry, not two.
    const target = { type: SUPPLIER, id: NO_SUCH_ID, version: 1 }
    await refusedOnce(
      'POST',
      '/api/v1/signatures',
      actors.reviewer.token,
      { target, meaning: 'authorship', password: actors.reviewer.password! },
      'forbidden',
    )
    // Segregation of duties when giving roles.
    await refusedOnce(
      'POST',
      '/api/v1/users',
      admin,
      { username: 'mx-both', displayName: 'Both Roles', roles: ['sysadmin', 'operator'] },
      'segregation_of_duties',
    )
    expect(
      (await api('GET', '/api/v1/users', { token: admin })).json.some(
        (u: { username: string }) => u.username === 'mx-both',
      ),
    ).toBe(false)
  })
})

describe('the audit trail cannot be changed through the API (R-AP-01)', () => {
  it('every write method on every audit path is refused, and both trails stay byte-identical', async () => {
    const sysadmin = actors.sysadmin.token
    const data = {
      supplierCode: 'SUP-7003',
      supplierName: 'Evidence Supplier',
      scope: 'Housings',
      supplierClass: 'B',
      qualificationStatus: 'pending',
    }
    expect(
      (
        await api('POST', `/api/v1/records/${SUPPLIER}`, {
          token: actors.operator.token,
          body: { data },
        })
      ).status,
    ).toBe(201)
    const storedBefore = await storedEntries(server.core)
    const servedBefore = {
      data: await servedTrail(api, actors.auditor.token, 'data'),
      system: await servedTrail(api, actors.auditor.token, 'system'),
    }
    expect(servedBefore.data.length).toBeGreaterThan(0)

    // The registry itself offers no way to write: reading only, plus running a verification.
    const auditRoutes = server.routes.filter((r) => r.path.startsWith('/api/v1/audit'))
    expect(auditRoutes.filter((r) => r.method !== 'GET').map(label)).toEqual([
      'POST /api/v1/audit/verify',
    ])

    const paths = [
      ...new Set([
        ...auditRoutes.map((r) => fillPath(r.path, (name) => (name === 'trail' ? 'data' : '1'))),
        '/api/v1/audit/system/1',
        '/api/v1/audit/data/1/',
        '/api/v1/audit/',
        '/api/v1/audit/data',
        '/api/v1/audit/entries',
        '/api/v1/audit/entries/1',
        '/api/v1/audit/data/1/leafHash',
        '/api/v1/audit/checkpoint/1',
        '/api/v1/audit/proof',
        '/api/v1/audit/purge',
        '/api/v1/audit/settings',
        '/api/v1/audit?trail=data',
        '/api/v1/audit/data/1?_method=GET',
      ]),
    ]
    const bodies: unknown[] = [
      undefined,
      { action: 'tampered', seq: 1 },
      { enabled: false },
      [{ op: 'remove', path: '/0' }],
    ]
    let tried = 0
    for (const path of paths) {
      for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
        if (method === 'POST' && path === '/api/v1/audit/verify') continue
        for (const body of bodies) {
          for (const headers of [{}, { 'x-http-method-override': 'GET' }] as Record<
            string,
            string
          >[]) {
            const res = await api(method, path, {
              token: sysadmin,
              headers,
              ...(body === undefined ? {} : { body }),
            })
            tried++
            expect([403, 404, 405], `${method} ${path}: ${res.status} ${res.text}`).toContain(
              res.status,
            )
            expect(isProblem(res), `${method} ${path}`).toBe(true)
          }
        }
      }
    }
    expect(tried).toBeGreaterThan(300)

    const storedAfter = await storedEntries(server.core)
    expect(storedAfter.slice(0, storedBefore.length)).toEqual(storedBefore)
    const appended = storedAfter
      .slice(storedBefore.length)
      .map((e) => JSON.parse(e.bytes) as { action: string; trail: string })
    for (const e of appended) expect(e).toMatchObject({ trail: 'system', action: 'access_denied' })
    const servedAfter = {
      data: await servedTrail(api, actors.auditor.token, 'data'),
      system: await servedTrail(api, actors.auditor.token, 'system'),
    }
    expect(servedAfter.data).toEqual(servedBefore.data)
    expect(servedAfter.system.slice(0, servedBefore.system.length)).toEqual(servedBefore.system)
    const verify = await api('POST', '/api/v1/audit/verify', { token: sysadmin })
    expect(verify.json.ok).toBe(true)
  })
})
