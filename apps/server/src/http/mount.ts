import type { Context, Hono } from 'hono'
import { getCookie } from 'hono/cookie'
import * as v from 'valibot'
import { VeritrailError, actingRole, actorOf, isVeritrailError, type ActionContext, type Caller, type Core, type Principal } from '@veritrail/core'
import type { AppEnv } from './env.js'
import { parseJsonBody } from './json.js'
import { STATUS, problem, sendProblem } from './problem.js'
import { MiB, type RouteDef } from './route.js'

export const SESSION_COOKIE = 'vt_session'

/** The client and the request's correlation id, for entries written before there is a principal. */
export function caller(c: Context<AppEnv>): Caller {
  return { ...c.get('client'), correlationId: c.get('correlationId') }
}

/**
 * Mounts routes in the order every request is handled (ARCHITECTURE §4): authenticate → check
 * the role → read and validate the body → the handler. A path that exists with other methods
 * answers 405 with `Allow`.
 */
export function mountRoutes(app: Hono<AppEnv>, routes: RouteDef[], core: Core): void {
  for (const route of routes) {
    app.on(route.method, route.path, async (c) => {
      await authorize(c, route, core)
      const body = await readBody(c, route)
      const query = parseQuery(c, route)
      try {
        return await route.handler(c, { body, query })
      } catch (error) {
        await recordServiceRefusal(c, core, error)
        throw error
      }
    })
  }
  const methods = new Map<string, Set<string>>()
  for (const r of routes) methods.set(r.path, (methods.get(r.path) ?? new Set()).add(r.method))
  for (const [path, allowed] of methods) {
    app.all(path, (c) => {
      const allow = [...allowed].join(', ')
      c.header('Allow', allow)
      return sendProblem(c, problem('method_not_allowed', `${c.req.method} is not allowed here; use ${allow}. Audit entries can never be changed or deleted.`))
    })
  }
}

async function authorize(c: Context<AppEnv>, route: RouteDef, core: Core): Promise<void> {
  if (route.access === 'public') return
  const header = c.req.header('authorization')
  const bearer = header?.toLowerCase().startsWith('bearer ') ? header.slice(7).trim() : undefined
  const principal = await core.sessions.authenticate(bearer ?? getCookie(c, SESSION_COOKIE), caller(c))
  const role = route.access === 'authenticated' ? principal.account.roles[0]! : actingRole(principal.account.roles, route.access)
  const ctx = context(c, principal, role ?? principal.account.roles[0] ?? 'none')
  c.set('principal', principal)
  c.set('ctx', ctx)
  if (!role) {
    await core.sessions.recordRefusal(ctx, { method: c.req.method, path: c.req.path, needs: (route.access as readonly string[]).join(' or '), holds: principal.account.roles.join(', ') })
    throw new VeritrailError('forbidden', `${principal.account.displayName} may not ${route.summary.toLowerCase()}: that needs the role ${(route.access as readonly string[]).join(' or ')}.`)
  }
  if (principal.mfaEnrolmentRequired && !route.duringMfaEnrolment) {
    await core.sessions.recordRefusal(ctx, { method: c.req.method, path: c.req.path, needs: 'second factor enrolment' })
    throw new VeritrailError('mfa_enrolment_required', 'Your role requires a second factor: enrol an authenticator app first.')
  }
}

/**
 * A 403 decided inside a service (who may delete a record type, who may enrol a second factor,
 * segregation of duties) is a security refusal like the route's own: it appends exactly one
 * system entry (CONTRACT §2), unless the service already wrote one for this request.
 */
async function recordServiceRefusal(c: Context<AppEnv>, core: Core, error: unknown): Promise<void> {
  if (!isVeritrailError(error) || STATUS[error.code] !== 403) return
  const ctx = c.get('ctx') as ActionContext | undefined
  if (!ctx) return
  const written = await core.audit.search({ trail: 'system', actor: ctx.actor.id, q: ctx.correlationId, limit: '1' })
  if (written.entries.length > 0) return
  await core.sessions.recordRefusal(ctx, { method: c.req.method, path: c.req.path, code: error.code, reason: error.message.slice(0, 500) })
}

function context(c: Context<AppEnv>, principal: Principal, role: string): ActionContext {
  const ctx: ActionContext = { actor: actorOf(principal.account, role), client: c.get('client'), correlationId: c.get('correlationId') }
  if (principal.session) ctx.session = principal.session.id
  return ctx
}

async function readBody(c: Context<AppEnv>, route: RouteDef): Promise<unknown> {
  if (!route.body || route.body === 'raw') return undefined
  const limit = route.bodyLimit ?? MiB
  const text = await readText(c, limit)
  if (text.trim() === '') return validate(route.body, undefined)
  return validate(route.body, parseJsonBody(text))
}

/**
 * Reads the body as UTF-8 text, refusing more than `limit` bytes (413) before reading it all.
 * Bytes that are not UTF-8 are refused (400), never replaced: text is kept exactly as sent.
 */
export async function readText(c: Context<AppEnv>, limit: number): Promise<string> {
  const bytes = await readBytes(c, limit)
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw new VeritrailError('validation_failed', 'The body is not valid UTF-8 text; nothing was read or changed.', { errors: [{ path: '', message: 'Not UTF-8.' }] })
  }
}

export async function readBytes(c: Context<AppEnv>, limit: number): Promise<Uint8Array> {
  const declared = Number(c.req.header('content-length') ?? NaN)
  if (declared > limit) throw tooLarge(limit)
  const stream = c.req.raw.body
  if (!stream) return new Uint8Array()
  const chunks: Uint8Array[] = []
  let size = 0
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength
    if (size > limit) throw tooLarge(limit)
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}

function tooLarge(limit: number): VeritrailError {
  return new VeritrailError('payload_too_large', `The body is larger than ${limit / MiB} MiB; nothing was read or changed.`)
}

function validate(schema: v.GenericSchema, value: unknown): unknown {
  const parsed = v.safeParse(schema, value)
  if (parsed.success) return parsed.output
  const errors = parsed.issues.map((i) => ({ path: v.getDotPath(i) ?? '', message: i.message }))
  throw new VeritrailError('validation_failed', `The request is not valid: ${errors[0]!.path ? `${errors[0]!.path}: ` : ''}${errors[0]!.message}`, { errors })
}

function parseQuery(c: Context<AppEnv>, route: RouteDef): Record<string, unknown> {
  const raw = c.req.query()
  return route.query ? (validate(route.query, raw) as Record<string, unknown>) : raw
}
