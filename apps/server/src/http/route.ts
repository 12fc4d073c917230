import type { Context } from 'hono'
import type * as v from 'valibot'
import type { Role } from '@veritrail/core'
import type { AppEnv } from './env.js'

/**
 * Who may call a route: nobody signed in (`public`), any signed-in account (`authenticated`,
 * e.g. logout), or the listed roles, in the order the route prefers them for the acting role.
 */
export type Access = 'public' | 'authenticated' | readonly Role[]

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE'

export interface RouteDef {
  method: Method
  /** Hono path, e.g. `/api/v1/records/:type/:id`. */
  path: string
  summary: string
  tag: string
  access: Access
  /** JSON body schema; `raw` for routes that read the body themselves (attachments). */
  body?: v.GenericSchema | 'raw'
  /** What a `raw` body is, for the OpenAPI document (default: any media type, as bytes). */
  rawBody?: { mediaType: string; schema?: v.GenericSchema }
  query?: v.GenericSchema
  /** Largest accepted body in bytes (default 1 MiB, CONTRACT §2). */
  bodyLimit?: number
  /** Status and description of the success answer, for the OpenAPI document. */
  success: { status: number; description: string; schema?: v.GenericSchema; mediaType?: string }
  /** Allowed while the account must still enrol its second factor. */
  duringMfaEnrolment?: boolean
  handler: (c: Context<AppEnv>, input: { body: unknown; query: Record<string, unknown> }) => Promise<Response>
}

/** Declares routes; the policy is a required field, so a route cannot exist without one. */
export function defineRoutes(routes: RouteDef[]): RouteDef[] {
  return routes
}

export const MiB = 1024 * 1024
