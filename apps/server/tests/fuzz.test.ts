// Hostile and random bodies against every write route of the registry, as a role that may call
// it: no 5xx ever, every refusal is problem+json with a code, and nothing changes that a
// successful (2xx) request did not change — no partial writes, no entries without a cause.
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
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
  signIn,
  storedEntries,
  type RoleActor,
} from './helpers.js'

const SUPPLIER = 'meddev.supplierQualification'
const NO_SUCH_ID = '00000000-0000-7000-8000-000000000000'
const RUNS = 200

let server: TestServer
let api: ReturnType<typeof client>
let admin: string
let actors: Awaited<ReturnType<typeof actorsForRoles>>
let victim: { recordId: string; userId: string; signatureId: string; reviewId: string }
let logoutUser: { username: string; password: string }
/** People whose credentials the public routes are fuzzed with (the password follows changes). */
const passwordUser = { username: 'fz-pw', password: '' }
const loginUser = { username: 'fz-login', password: '' }
let n = 0

const supplier = (code: number) => ({
  supplierCode: `SUP-${code}`,
  supplierName: '苏州精密注塑有限公司',
  scope: 'Housings',
  supplierClass: 'A',
  qualificationStatus: 'pending',
})

beforeAll(async () => {
  server = await startServer()
  api = client(server.url)
  admin = await adminToken(api)
  actors = await actorsForRoles(api, admin, 'fz')
  for (const role of ['operator', 'reviewer', 'qa'] as const)
    await api('POST', '/api/v1/signatures/statement', { token: actors[role].token })
  const record = await api('POST', `/api/v1/records/${SUPPLIER}`, {
    token: actors.operator.token,
    body: { data: supplier(5000) },
  })
  const user = await person(api, admin, 'fz-victim', ['operator'])
  const signature = await api('POST', '/api/v1/signatures', {
    token: actors.reviewer.token,
    body: {
      target: { type: SUPPLIER, id: record.json.id, version: 1 },
      meaning: 'review',
      username: actors.reviewer.username,
      password: actors.reviewer.password,
    },
  })
  const review = await api('POST', '/api/v1/reviews', {
    token: actors.reviewer.token,
    body: { scope: { recordType: SUPPLIER, recordId: record.json.id } },
  })
  expect(
    [record.status, signature.status, review.status],
    `${record.text} ${signature.text} ${review.text}`,
  ).toEqual([201, 201, 201])
  victim = {
    recordId: record.json.id,
    userId: user.id,
    signatureId: signature.json.id,
    reviewId: review.json.id,
  }
  const out = await person(api, admin, 'fz-logout', ['auditor'])
  logoutUser = { username: 'fz-logout', password: out.password }
  for (const u of [passwordUser, loginUser])
    u.password = (await person(api, admin, u.username, ['auditor'])).password
})
afterAll(async () => server.close())

const label = (r: RouteDef) => `${r.method} ${r.path}`

/** The role the fuzzer acts in: the first the route allows. */
function actorFor(route: RouteDef): RoleActor | undefined {
  if (route.access === 'public') return undefined
  return route.access === 'authenticated' ? actors.operator : actors[route.access[0]!]
}

/** Real targets where the route acts on one, so bodies reach deep into the services. */
function pathFor(route: RouteDef): string {
  return fillPath(route.path, (name) => {
    if (name === 'type') return SUPPLIER
    if (name !== 'id') return NO_SUCH_ID
    if (route.path.startsWith('/api/v1/records/')) return victim.recordId
    if (route.path.startsWith('/api/v1/users/')) return victim.userId
    if (route.path.startsWith('/api/v1/signatures/')) return victim.signatureId
    if (route.path.startsWith('/api/v1/reviews/')) return victim.reviewId
    return NO_SUCH_ID
  })
}

/** A body the route accepts, as the seed that mutations start from. */
function seedBody(route: RouteDef, actor: RoleActor | undefined): unknown {
  const k = ++n
  if (route.body === 'raw') {
    if (!route.rawBody?.schema) return `fuzz attachment ${k}`
    return {
      source: { system: 'FUZZ-MES' },
      idempotencyKey: `fuzz-batch-${k}`,
      items: [
        {
          op: 'create',
          type: SUPPLIER,
          data: supplier(10000 + k),
          sourceUser: 'zhang.wei',
          sourceTs: '2026-11-22T10:00:00+08:00',
          sourceRef: `MES-${k}`,
        },
      ],
    }
  }
  if (!route.body) return undefined
  const hints: Record<string, unknown> = {
    data: supplier(20000 + k),
    username:
      route.path === '/api/v1/auth/login'
        ? loginUser.username
        : route.path === '/api/v1/auth/password'
          ? passwordUser.username
          : `fz-new-${k}`,
    password: route.path === '/api/v1/auth/login' ? loginUser.password : actor?.password,
    currentPassword: passwordUser.password,
    newPassword: `a brand new passphrase ${k}`,
    roles: ['auditor'],
    meaning: 'review',
    target: { type: SUPPLIER, id: victim.recordId, version: 1 },
    scope: { recordType: SUPPLIER, recordId: victim.recordId },
    reason: 'Fuzz reason',
    changes: { session: { idleMinutes: 14 } },
  }
  return sampleOf(route.body, (key) => hints[key])
}

// Raw JSON tokens that JSON.stringify cannot produce, and values that stress the services.
const DEEP_ARRAY = '['.repeat(20_000) + ']'.repeat(20_000)
const DEEP_OBJECT = '{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000)
const HOSTILE_TOKENS = [
  '1e400',
  '-1e400',
  '-0',
  '9007199254740993',
  '-9007199254740993',
  '1e-400',
  '123456789012345678901234567890',
  '0.30000000000000004',
  '"\\ud800"',
  '"\\udfff"',
  '"a\\ud83d"',
  '"\\u0000"',
  '"\\u202e\\u0301\\uffff\\ufeff\\u2028"',
  '"🧪 灭菌 𠀀"',
  '""',
  '" "',
  'NaN',
  'Infinity',
  '-Infinity',
  'undefined',
  "'single'",
  '[]',
  '{}',
  'null',
  'true',
  '[null]',
  '{"__proto__":{"polluted":"yes"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"toString":1,"hasOwnProperty":2}',
  `"${'x'.repeat(300_000)}"`,
  `"${'灭菌'.repeat(100_000)}"`,
  DEEP_ARRAY,
  DEEP_OBJECT,
]
/** The worst tokens: tried at every place of every valid body. */
const KILLER_TOKENS = [
  DEEP_OBJECT,
  '"\\ud800"',
  '1e400',
  '{"constructor":"x","toString":"y","__proto__":{"polluted":"yes"}}',
]
/** Tried as the whole body. */
const ROOT_TOKENS = [
  '"\\ud800"',
  'NaN',
  '[]',
  'null',
  '{"__proto__":{"polluted":"yes"}}',
  DEEP_ARRAY,
]
const ODD_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '',
  ' ',
  'data.x',
  '\u0000',
  'é',
  'é',
]
const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/json; charset=utf-16',
  '',
]

interface Body {
  kind: string
  payload: string | Uint8Array | undefined
}

/** Every place in a value where a mutation can go: [] is the value itself. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out = [prefix]
  if (typeof value === 'object' && value !== null) {
    for (const [k, child] of Object.entries(value))
      out.push(...paths(child, [...prefix, Array.isArray(value) ? Number(k) : k]))
  }
  return out
}

/** `seed` with the value at `path` replaced by raw JSON text. */
function replaceAt(seed: unknown, path: (string | number)[], raw: string): string {
  if (path.length === 0) return raw
  const marker = `@@fuzz-${Math.random()}@@`
  const copy = structuredClone(seed) as Record<string | number, unknown>
  let node = copy
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>
  node[path.at(-1)!] = marker
  return JSON.stringify(copy).replace(JSON.stringify(marker), raw)
}

/** A request body for `route`: random JSON, a hostile mutation of a valid body, or bytes that are not UTF-8. */
function bodyArb(seed: unknown): fc.Arbitrary<Body> {
  const seedText = seed === undefined ? '' : typeof seed === 'string' ? seed : JSON.stringify(seed)
  const spots = paths(seed)
  const objects = spots.filter((p) => {
    let node: unknown = seed
    for (const key of p) node = (node as Record<string | number, unknown>)[key]
    return typeof node === 'object' && node !== null && !Array.isArray(node)
  })
  const rawJson = fc.oneof(
    fc.constantFrom(...HOSTILE_TOKENS),
    fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
    fc.string({ unit: 'binary', maxLength: 40 }).map((s) => JSON.stringify(s)),
  )
  return fc.oneof(
    fc
      .jsonValue({ maxDepth: 5 })
      .map((v): Body => ({ kind: 'random json', payload: JSON.stringify(v) })),
    fc
      .tuple(fc.constantFrom(...spots), rawJson)
      .map(([p, raw]): Body => ({
        kind: `replace ${p.join('.')}`,
        payload: replaceAt(seed, p, raw),
      })),
    fc
      .tuple(
        fc.constantFrom(...(objects.length ? objects : [[]])),
        fc.constantFrom(...ODD_KEYS),
        rawJson,
      )
      .map(([p, key, raw]): Body => {
        if (objects.length === 0)
          return { kind: 'odd key at root', payload: `{${JSON.stringify(key)}:${raw}}` }
        const text = replaceAt(seed, p, '@@object@@')
        let node: unknown = seed
        for (const k of p) node = (node as Record<string | number, unknown>)[k]
        const inner = JSON.stringify(node)
        const withKey =
          inner === '{}'
            ? `{${JSON.stringify(key)}:${raw}}`
            : `{${JSON.stringify(key)}:${raw},${inner.slice(1)}`
        return {
          kind: `odd key ${JSON.stringify(key)} at ${p.join('.')}`,
          payload: text.replace('@@object@@', withKey),
        }
      }),
    rawJson.map((raw): Body => {
      const first = seed && typeof seed === 'object' ? Object.keys(seed)[0] : undefined
      return first
        ? {
            kind: `duplicate ${first}`,
            payload: `{${JSON.stringify(first)}:${raw},${seedText.slice(1)}`,
          }
        : { kind: 'token', payload: raw }
    }),
    fc.constantFrom<Body>(
      { kind: 'seed', payload: seedText },
      { kind: 'empty', payload: '' },
      { kind: 'spaces', payload: ' \n\t ' },
      { kind: 'bom', payload: '\ufeff' + seedText },
      { kind: 'truncated', payload: seedText.slice(0, Math.max(1, seedText.length - 3)) },
      { kind: 'none', payload: undefined },
    ),
    fc.uint8Array({ maxLength: 64 }).map((bytes): Body => ({ kind: 'bytes', payload: bytes })),
    fc
      .constantFrom(
        [0xc3, 0x28],
        [0xff, 0xfe],
        [0xed, 0xa0, 0x80],
        [0xf4, 0x90, 0x80, 0x80],
        [0xc0, 0xaf],
      )
      .map((bad): Body => {
        const at = Math.max(1, seedText.indexOf('"', 2) + 1)
        const text = Buffer.from(seedText || '{"a":""}')
        return {
          kind: `invalid utf-8 ${bad.map((b) => b.toString(16)).join(' ')}`,
          payload: Buffer.concat([text.subarray(0, at), Buffer.from(bad), text.subarray(at)]),
        }
      }),
  )
}

interface Sent {
  route: RouteDef
  kind: string
  res: ApiResponse
  correlationId: string
}

/** Data-trail entries a successful answer stands for (CONTRACT §4–6); every other route writes none. */
function dataEntriesOf(s: Sent): number {
  const key = label(s.route)
  if (key === 'POST /api/v1/records/:type' || key === 'DELETE /api/v1/records/:type/:id') return 1
  if (key === 'PUT /api/v1/records/:type/:id') return s.res.json.unchanged ? 0 : 1
  if (key === 'POST /api/v1/ingest')
    return s.res.headers.get('idempotent-replayed') ? 0 : s.res.json.results.length
  if (
    key === 'POST /api/v1/signatures' ||
    key === 'POST /api/v1/signatures/:id/withdraw' ||
    key === 'POST /api/v1/reviews/:id/complete'
  )
    return 1
  return 0
}

async function send(route: RouteDef, body: Body, contentType: string): Promise<Sent> {
  let token = actorFor(route)?.token
  // Signing out ends the session it is sent with: use a session of its own each time.
  if (route.path === '/api/v1/auth/logout')
    token = await signIn(api, logoutUser.username, logoutUser.password)
  // No webhook address ever reaches the settings: alerts would leave this machine.
  const payload =
    typeof body.payload === 'string' && /webhook/i.test(body.payload) ? '{}' : body.payload
  const headers: Record<string, string> = contentType ? { 'content-type': contentType } : {}
  const res = await api(route.method, pathFor(route), {
    ...(token ? { token } : {}),
    headers,
    ...(payload === undefined ? {} : { raw: payload }),
  })
  const sent = {
    route,
    kind: body.kind,
    res,
    correlationId: res.headers.get('x-correlation-id') ?? '',
  }
  if (label(route) === 'POST /api/v1/auth/password' && res.status === 204)
    passwordUser.password = (
      JSON.parse((payload as string).replace(/^\ufeff/, '')) as { newPassword: string }
    ).newPassword
  return sent
}

function checkAnswer(s: Sent): void {
  const what = `${label(s.route)} [${s.kind}] → ${s.res.status} ${s.res.text.slice(0, 300)}`
  expect(
    s.res.status,
    `${what}\n${server.logs.find((l) => l.includes(s.correlationId))?.slice(0, 1500) ?? ''}`,
  ).toBeLessThan(500)
  if (s.res.status >= 400) expect(isProblem(s.res), what).toBe(true)
}

describe('fuzzing every write route', () => {
  it('never answers 5xx, always problem+json, and changes only what successful requests changed', async () => {
    const routes = server.routes.filter((r) => r.method !== 'GET')
    const withBody = routes.filter((r) => r.body)
    expect(routes.length).toBeGreaterThan(20)
    const storedBefore = await storedEntries(server.core)
    const usersBefore = (await api('GET', '/api/v1/users', { token: admin })).json as {
      id: string
    }[]
    const settingsBefore = (await api('GET', '/api/v1/settings', { token: admin })).json
    const versionsBefore = await recordVersions()
    const sent: Sent[] = []

    // A fixed corpus first, so every route meets the hostile tokens whatever the random seed:
    // alone, in its first field, and the worst of them at every place of a valid body.
    const groups: { route: RouteDef; body: Body }[][] = []
    for (const route of routes) {
      const corpus: { route: RouteDef; body: Body }[] = []
      groups.push(corpus)
      if (!route.body) {
        for (const payload of ['', '{"x":1}', DEEP_OBJECT])
          corpus.push({ route, body: { kind: 'ignored body', payload } })
        continue
      }
      const seed = seedBody(route, actorFor(route))
      for (const t of ROOT_TOKENS)
        corpus.push({ route, body: { kind: `token ${t.slice(0, 20)}`, payload: t } })
      if (!seed || typeof seed !== 'object') continue
      const first = Object.keys(seed)[0]!
      corpus.push({
        route,
        body: {
          kind: 'duplicate key',
          payload: `{${JSON.stringify(first)}:null,${JSON.stringify(seed).slice(1)}`,
        },
      })
      for (const t of HOSTILE_TOKENS)
        corpus.push({
          route,
          body: {
            kind: `field ${first} = ${t.slice(0, 20)}`,
            payload: replaceAt(seed, [first], t),
          },
        })
      for (const p of paths(seed).filter(
        (p) => p.length > 1 || (p.length === 1 && p[0] !== first),
      )) {
        for (const t of KILLER_TOKENS)
          corpus.push({
            route,
            body: { kind: `${p.join('.')} = ${t.slice(0, 20)}`, payload: replaceAt(seed, p, t) },
          })
      }
    }
    // Routes run side by side, each route's requests in order (races on one target have their own test).
    await inParallel(groups, 4, async (group) => {
      for (const { route, body } of group) {
        const s = await send(route, body, 'application/json')
        sent.push(s)
        checkAnswer(s)
      }
    })

    // Then random requests: random and mutated bodies, odd content types.
    const byLabel = new Map(withBody.map((r) => [label(r), r]))
    const requests = fc
      .constantFrom(...byLabel.keys())
      .chain((key) =>
        fc.record({
          route: fc.constant(key),
          body: bodyArb(seedBody(byLabel.get(key)!, actorFor(byLabel.get(key)!))),
          contentType: fc.constantFrom(...CONTENT_TYPES),
        }),
      )
    await fc.assert(
      fc.asyncProperty(requests, async ({ route: key, body, contentType }) => {
        const s = await send(byLabel.get(key)!, body, contentType)
        sent.push(s)
        checkAnswer(s)
      }),
      { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261122), endOnFailure: true },
    )

    expect(server.logs, 'nothing reached the 5xx handler').toEqual([])
    expect(
      ({} as Record<string, unknown>).polluted,
      'Object.prototype is untouched',
    ).toBeUndefined()
    const ok = sent.filter((s) => s.res.status < 300)
    const okIds = new Set(ok.map((s) => s.correlationId))
    const refusedIds = new Set(sent.filter((s) => s.res.status >= 400).map((s) => s.correlationId))
    expect(ok.length, 'some random bodies were valid').toBeGreaterThan(5)
    expect(refusedIds.size).toBeGreaterThan(RUNS)

    // Entries: nothing the stored history had before changed.
    const storedAfter = await storedEntries(server.core)
    expect(storedAfter.slice(0, storedBefore.length)).toEqual(storedBefore)
    const added = storedAfter
      .slice(storedBefore.length)
      .map((e) => ({
        ...e,
        entry: JSON.parse(e.bytes) as {
          correlationId: string
          action: string
          target?: { id: string; type: string }
        },
      }))

    // The data trail grew by exactly what the successful writes stand for, each under its request.
    const data = added.filter((e) => e.trail === 'data')
    for (const e of data)
      expect(
        okIds.has(e.entry.correlationId),
        `data entry ${e.seq} (${e.entry.action}) has no successful request`,
      ).toBe(true)
    for (const s of ok)
      expect(
        data.filter((e) => e.entry.correlationId === s.correlationId).length,
        `${label(s.route)} [${s.kind}]`,
      ).toBe(dataEntriesOf(s))
    expect(data.length).toBe(ok.reduce((sum, s) => sum + dataEntriesOf(s), 0))

    // A refused request leaves at most its one security entry.
    const system = added.filter((e) => e.trail === 'system')
    const perRefusal = new Map<string, number>()
    for (const e of system)
      if (refusedIds.has(e.entry.correlationId))
        perRefusal.set(e.entry.correlationId, (perRefusal.get(e.entry.correlationId) ?? 0) + 1)
    for (const [id, count] of perRefusal) expect(count, `refused request ${id}`).toBe(1)

    // Record versions: every new one is the version of a successful write.
    const versionsAfter = await recordVersions()
    expect(versionsAfter.slice(0, versionsBefore.length)).toEqual(versionsBefore)
    const okSeqs = new Set(data.map((e) => e.seq))
    for (const v of versionsAfter.slice(versionsBefore.length))
      expect(okSeqs.has(v.seq), JSON.stringify(v)).toBe(true)

    // Accounts: a changed or new account has an entry of a successful request about it.
    const passwordChanges = ok.filter((s) => label(s.route) === 'POST /api/v1/auth/password').length
    const usersAfter = (await api('GET', '/api/v1/users', { token: admin })).json as {
      id: string
      username: string
    }[]
    for (const user of usersAfter) {
      const before = usersBefore.find((u) => u.id === user.id)
      if (before && JSON.stringify(before) === JSON.stringify(user)) continue
      const causes = system.filter(
        (e) =>
          e.entry.target?.id === user.id &&
          (okIds.has(e.entry.correlationId) ||
            (e.entry.action === 'password_change' && passwordChanges > 0)),
      )
      expect(
        causes.length,
        `account ${user.username} changed without a successful request`,
      ).toBeGreaterThan(0)
    }

    // Settings: unchanged, or exactly what the last successful change answered.
    const settingsAfter = (await api('GET', '/api/v1/settings', { token: admin })).json
    const changes = ok.filter((s) => label(s.route) === 'PUT /api/v1/settings')
    expect(settingsAfter).toEqual(changes.length ? changes.at(-1)!.res.json : settingsBefore)

    const verify = await api('POST', '/api/v1/audit/verify', { token: actors.qa.token })
    expect(verify.status, verify.text).toBe(200)
    expect(verify.json.ok).toBe(true)
  }, 120_000)
})

describe('hostile bodies the fuzzer found or must never get through', () => {
  const create = (raw: string | Uint8Array) =>
    api('POST', `/api/v1/records/${SUPPLIER}`, {
      token: actors.operator.token,
      raw,
      headers: { 'content-type': 'application/json' },
    })
  const valid = (code: number, extra = '') =>
    `{"data":{"supplierCode":"SUP-${code}","supplierName":"X","scope":"Housings","supplierClass":"A","qualificationStatus":"pending"${extra}}}`

  it('refuses, with 400 and nothing written, what would be stored differently from what was sent', async () => {
    const before = (await storedEntries(server.core)).length
    const cases: [string, string | Uint8Array, RegExp][] = [
      [
        'a member named twice (I-JSON)',
        `{"data":{"supplierName":"First"},${valid(6001).slice(1)}`,
        /twice/,
      ],
      ['a member named twice, deeper', valid(6002, ',"scope":"Again"'), /twice/],
      [
        'nesting deeper than any record needs',
        valid(6003, `,"remarks":${'['.repeat(5000)}${']'.repeat(5000)}`),
        /levels deep/,
      ],
      [
        'an object nested 5,000 deep',
        `{"data":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`,
        /levels deep/,
      ],
      [
        'bytes that are not UTF-8',
        Buffer.concat([
          Buffer.from(valid(6004).slice(0, 40)),
          Buffer.from([0xc3, 0x28]),
          Buffer.from(valid(6004).slice(40)),
        ]),
        /UTF-8/,
      ],
      ['a lone surrogate', valid(6005).replace('"X"', '"\\ud800"'), /surrogate/],
      ['an integer beyond 2^53', valid(6006, ',"remarks":9007199254740993'), /./],
      [
        'a field named like an Object.prototype member',
        valid(6007, ',"constructor":"x"'),
        /not a field/,
      ],
      ['__proto__ as a field', valid(6008, ',"__proto__":{"polluted":"yes"}'), /not a field/],
    ]
    for (const [what, raw, detail] of cases) {
      const res = await create(raw)
      expect(res.status, `${what}: ${res.text}`).toBe(400)
      expect(res.json.code, what).toBe('validation_failed')
      expect(res.json.detail, what).toMatch(detail)
    }
    expect((await storedEntries(server.core)).length).toBe(before)
    expect(server.logs).toEqual([])
  })

  it('answers concurrent ingests with one idempotency key once, the others as replays or conflicts', async () => {
    const body = {
      source: { system: 'FUZZ-MES' },
      idempotencyKey: 'race-batch-0001',
      items: [1, 2, 3].map((i) => ({
        op: 'create',
        type: SUPPLIER,
        data: supplier(30000 + i),
        sourceUser: 'li.na',
        sourceTs: '2026-11-22T10:00:00+08:00',
        sourceRef: `RACE-${i}`,
      })),
    }
    const other = { ...body, items: body.items.slice(0, 1) }
    const dataBefore = (await storedEntries(server.core)).filter((e) => e.trail === 'data').length
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        api('POST', '/api/v1/ingest', {
          token: actors.integration.token,
          body: i % 4 === 3 ? other : body,
        }),
      ),
    )
    for (const a of answers) expect([200, 409], a.text).toContain(a.status)
    const fresh = answers.filter((a) => a.status === 200 && !a.headers.get('idempotent-replayed'))
    expect(
      fresh.length + answers.filter((a) => a.status === 409 && a.json.code === 'conflict').length,
    ).toBeGreaterThanOrEqual(1)
    expect(fresh.length).toBeLessThanOrEqual(1)
    const written =
      (await storedEntries(server.core)).filter((e) => e.trail === 'data').length - dataBefore
    expect([0, 1, 3]).toContain(written)
    expect(server.logs).toEqual([])
  })

  // The "already completed" check is repeated inside the writer transaction, so the losers of
  // concurrent completions get 409 rather than the unique key's 500.
  it('answers concurrent completions of one review with one 200 and 409s', async () => {
    const review = await api('POST', '/api/v1/reviews', {
      token: actors.qa.token,
      body: { scope: { recordType: SUPPLIER, recordId: victim.recordId } },
    })
    expect(review.status, review.text).toBe(201)
    const answers = await Promise.all(
      Array.from({ length: 4 }, () =>
        api('POST', `/api/v1/reviews/${review.json.id}/complete`, {
          token: actors.qa.token,
          body: {
            conclusion: 'No exceptions.',
            username: actors.qa.username,
            password: actors.qa.password,
          },
        }),
      ),
    )
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409])
  })
})

/** Runs `work` over `items` with at most `limit` in flight. */
async function inParallel<T>(
  items: T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await work(items[next++]!)
    }),
  )
}

/** Every stored record version, in commit order. */
async function recordVersions(): Promise<
  { type: string; id: string; version: number; seq: number }[]
> {
  const rs = await server.core.store.connections.reader.execute(
    'SELECT record_type, record_id, version, seq FROM record_versions ORDER BY seq',
  )
  return rs.rows.map((r) => ({
    type: String(r[0]),
    id: String(r[1]),
    version: Number(r[2]),
    seq: Number(r[3]),
  }))
}
