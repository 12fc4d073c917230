import { Validator } from '@seriousme/openapi-schema-validator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { allowedRoles, openApiPath, pathParams, problemStatuses } from '../src/openapi.js'
import { client, startServer, type TestServer } from './harness.js'

let server: TestServer
let api: ReturnType<typeof client>

beforeAll(async () => {
  server = await startServer()
  api = client(server.url)
})
afterAll(async () => server.close())

type Operation = {
  operationId: string
  summary: string
  description: string
  tags: string[]
  security: Record<string, string[]>[]
  'x-veritrail-roles': string[]
  parameters?: { name: string; in: string; required: boolean }[]
  requestBody?: { content: Record<string, { schema: unknown }> }
  responses: Record<string, { $ref?: string; content?: Record<string, unknown> }>
}

describe('OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document, public, with every route of the registry', async () => {
    const res = await api('GET', '/api/v1/openapi.json')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    const doc = res.json
    expect(doc.openapi).toBe('3.1.0')
    const result = await new Validator().validate(doc)
    expect(result.errors ?? [], JSON.stringify(result.errors)).toEqual([])
    expect(result.valid).toBe(true)

    const operations: Operation[] = []
    for (const route of server.routes) {
      const op = doc.paths[openApiPath(route.path)]?.[route.method.toLowerCase()] as
        Operation | undefined
      expect(op, `${route.method} ${route.path}`).toBeDefined()
      operations.push(op!)
      expect(op!.summary).toBe(route.summary)
      expect(op!.tags).toEqual([route.tag])
      const roles = allowedRoles(route)
      expect(op!['x-veritrail-roles']).toEqual([...roles])
      for (const role of roles) expect(op!.description).toContain(role)
      if (route.access === 'public') expect(op!.security).toEqual([])
      else expect(op!.security).toEqual([{ sessionCookie: [] }, { bearerToken: [] }])
      const params = (op!.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name)
      expect(params).toEqual(pathParams(route.path))
      expect(op!.requestBody !== undefined).toBe(route.body !== undefined)
      if (route.body && route.body !== 'raw')
        expect(op!.requestBody!.content['application/json']!.schema).toMatchObject({
          type: 'object',
        })
      expect(Object.keys(op!.responses)).toContain(String(route.success.status))
      for (const status of problemStatuses(route))
        expect(op!.responses[String(status)]).toEqual({
          $ref: `#/components/responses/Problem${status}`,
        })
      if (route.access !== 'public') expect(op!.responses['401']).toBeDefined()
      if (Array.isArray(route.access)) expect(op!.responses['403']).toBeDefined()
      if (route.body) expect(op!.responses['413']).toBeDefined()
    }
    const count = Object.values(doc.paths as Record<string, object>).reduce(
      (n, methods) => n + Object.keys(methods).length,
      0,
    )
    expect(count).toBe(server.routes.length)
    const ids = operations.map((o) => o.operationId)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('documents bodies from the valibot schemas, the session cookie and the problem answers', async () => {
    const doc = (await api('GET', '/api/v1/openapi.json')).json
    expect(doc.components.securitySchemes.sessionCookie).toEqual(
      expect.objectContaining({ type: 'apiKey', in: 'cookie', name: 'vt_session' }),
    )
    expect(doc.components.responses.Problem409.description).toContain('version_conflict')
    const put = doc.paths['/api/v1/records/{type}/{id}'].put
    expect(put.requestBody.content['application/json'].schema).toMatchObject({
      required: expect.arrayContaining(['data', 'baseVersion']),
      properties: { baseVersion: { type: 'integer', minimum: 1 } },
    })
    expect(Object.keys(put.responses).sort()).toEqual([
      '200',
      '400',
      '401',
      '403',
      '404',
      '409',
      '413',
      '422',
    ])
    expect(put['x-veritrail-roles']).toEqual(['operator'])
    const ingest = doc.paths['/api/v1/ingest'].post
    expect(
      ingest.requestBody.content['application/json'].schema.properties.items.items.oneOf,
    ).toHaveLength(3)
    const login = doc.paths['/api/v1/auth/login'].post
    expect(login.security).toEqual([])
    expect(Object.keys(login.responses)).toEqual(expect.arrayContaining(['401', '403', '423']))
    expect(doc.paths['/api/v1/audit/verify'].post['x-veritrail-roles']).toEqual([
      'qa',
      'auditor',
      'sysadmin',
    ])
  })

  it('serves a browsable view from the server itself, without outside resources', async () => {
    const page = await api('GET', '/api/docs')
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toMatch(/^text\/html/)
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'")
    const refs = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!)
    expect(refs.length).toBeGreaterThanOrEqual(3)
    for (const ref of refs) {
      expect(ref.startsWith('/api/docs/'), ref).toBe(true)
      const asset = await api('GET', ref)
      expect(asset.status, ref).toBe(200)
    }
    const init = await api('GET', '/api/docs/init.js')
    expect(init.text).toContain("url: '/api/v1/openapi.json'")
    expect(init.text).toContain('validatorUrl: null')
    expect(
      (await api('GET', '/api/docs/swagger-ui-bundle.js')).headers.get('content-type'),
    ).toMatch(/javascript/)
    for (const bad of ['package.json', '..%2Fpackage.json', 'index.html']) {
      const res = await api('GET', `/api/docs/${bad}`)
      expect(res.status, bad).toBe(404)
      expect(res.json.code).toBe('not_found')
    }
  })
})
