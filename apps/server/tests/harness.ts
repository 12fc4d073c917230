import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import type { Core, CoreConfig, PluginHost } from '@veritrail/core'
import { createApp } from '../src/app.js'
import { openPlatform } from '../src/platform.js'
import { pluginRoutes } from '../src/routes/plugins.js'
import { exportRoutes } from '../src/routes/exports.js'
import { backupRoutes } from '../src/routes/backups.js'
import { startNotifier } from '../src/notifier.js'
import type { RouteDef } from '../src/http/route.js'

export const ADMIN_INITIAL = 'initial admin password'
export const ADMIN_PASSWORD = 'the admin passphrase of the test'

export interface TestServer {
  url: string
  core: Core
  plugins: PluginHost
  dir: string
  routes: RouteDef[]
  logs: string[]
  close(): Promise<void>
}

/** A real server on 127.0.0.1 (random port) over a real libSQL file in a temp directory. */
export async function startServer(extra: Partial<Omit<CoreConfig, 'registry'>> = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'veritrail-server-'))
  const platform = await openPlatform({ dataDir: dir, timeZone: 'Asia/Shanghai', program: 'vitest-server', ...extra })
  const core = platform.core
  await core.bootstrap(ADMIN_INITIAL)
  const logs: string[] = []
  const { app, routes } = createApp(core, { dataDir: dir, log: (l) => logs.push(l), routes: [...pluginRoutes(platform.plugins), ...exportRoutes(core, platform.plugins), ...backupRoutes(core, platform.plugins)] })
  const notifier = startNotifier(core, (l) => logs.push(l))
  const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 })
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}`,
    core,
    plugins: platform.plugins,
    dir,
    routes,
    logs,
    async close() {
      notifier.stop()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await platform.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

export interface ApiResponse {
  status: number
  headers: Headers
  text: string
  json: any // eslint-disable-line @typescript-eslint/no-explicit-any -- test convenience: bodies are asserted field by field
}

/** A small HTTP client for tests: JSON in and out, bearer token optional. */
export function client(base: string) {
  return async function api(method: string, path: string, options: { token?: string; body?: unknown; raw?: string | Uint8Array; headers?: Record<string, string> } = {}): Promise<ApiResponse> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) }
    if (options.token) headers.authorization = `Bearer ${options.token}`
    let body: string | Uint8Array | undefined = options.raw
    if (options.body !== undefined) {
      headers['content-type'] ??= 'application/json'
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body)
    }
    const res = await fetch(base + path, { method, headers, ...(body !== undefined ? { body } : {}) })
    const text = await res.text()
    let json: unknown = undefined
    try {
      json = text ? JSON.parse(text) : undefined
    } catch {
      json = undefined
    }
    return { status: res.status, headers: res.headers, text, json }
  }
}

/** Signs in as admin (changing the bootstrap password first) and returns the token. */
export async function adminToken(api: ReturnType<typeof client>): Promise<string> {
  const first = await api('POST', '/api/v1/auth/login', { body: { username: 'admin', password: ADMIN_PASSWORD } })
  if (first.status === 200) return first.json.token
  await api('POST', '/api/v1/auth/password', { body: { username: 'admin', currentPassword: ADMIN_INITIAL, newPassword: ADMIN_PASSWORD } })
  const login = await api('POST', '/api/v1/auth/login', { body: { username: 'admin', password: ADMIN_PASSWORD } })
  return login.json.token
}

/** Creates a person with `roles` and signs them in; returns their token and id. */
export async function person(api: ReturnType<typeof client>, admin: string, username: string, roles: string[]): Promise<{ token: string; id: string; password: string }> {
  const password = `${username} has a long password`
  const created = await api('POST', '/api/v1/users', { token: admin, body: { username, displayName: `${username[0]!.toUpperCase()}${username.slice(1)} Tester`, roles, password: 'temporary password 123' } })
  if (created.status !== 201) throw new Error(`cannot create ${username}: ${created.text}`)
  await api('POST', '/api/v1/auth/password', { body: { username, currentPassword: 'temporary password 123', newPassword: password } })
  const login = await api('POST', '/api/v1/auth/login', { body: { username, password } })
  if (login.status !== 200) throw new Error(`cannot sign in ${username}: ${login.text}`)
  return { token: login.json.token, id: created.json.id, password }
}

/** An integration account with an API token. */
export async function integration(api: ReturnType<typeof client>, admin: string, username: string): Promise<{ token: string; id: string }> {
  const created = await api('POST', '/api/v1/users', { token: admin, body: { username, displayName: `${username} interface`, roles: ['integration'] } })
  const token = await api('POST', `/api/v1/users/${created.json.id}/tokens`, { token: admin, body: { name: `${username} token`, reason: 'Interface go-live' } })
  return { token: token.json.token, id: created.json.id }
}
