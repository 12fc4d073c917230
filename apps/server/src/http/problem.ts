import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { isVeritrailError, type ErrorCode, type FieldError } from '@veritrail/core'

/** HTTP status of each core error code (CONTRACT §2). */
export const STATUS: Record<ErrorCode | 'malformed_json' | 'method_not_allowed' | 'unsupported_media_type' | 'mfa_enrolment_required', ContentfulStatusCode> = {
  validation_failed: 400,
  malformed_json: 400,
  unauthenticated: 401,
  forbidden: 403,
  password_change_required: 403,
  segregation_of_duties: 403,
  mfa_enrolment_required: 403,
  not_found: 404,
  method_not_allowed: 405,
  version_conflict: 409,
  conflict: 409,
  busy: 409,
  record_locked: 409,
  transition_not_allowed: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  reason_required: 422,
  account_locked: 423,
  unreadable: 422,
  verification_failed: 422,
  plugin_error: 500,
  internal: 500,
}

const TITLES: Partial<Record<number, string>> = {
  400: 'The request is not valid',
  401: 'Sign-in required',
  403: 'Not allowed',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Too large',
  415: 'Unsupported media type',
  422: 'Cannot be processed',
  423: 'Account locked',
  500: 'Internal error',
}

export interface Problem {
  type: string
  title: string
  status: number
  detail: string
  code: string
  errors?: FieldError[]
  [key: string]: unknown
}

/** Builds the RFC 9457 problem document for a code and a human sentence. */
export function problem(code: keyof typeof STATUS, detail: string, extra: { errors?: FieldError[] | undefined; [key: string]: unknown } = {}): Problem {
  const status = STATUS[code]
  const { errors, ...rest } = extra
  return {
    type: `https://veritrail.dev/problems/${code.replaceAll('_', '-')}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    code,
    ...(errors && errors.length > 0 ? { errors } : {}),
    ...rest,
  }
}

export function sendProblem(c: Context, p: Problem): Response {
  return c.body(JSON.stringify(p), p.status as ContentfulStatusCode, { 'content-type': 'application/problem+json; charset=utf-8' })
}

/** Maps anything thrown to a problem: core errors keep their code; anything else is a 500. */
export function toProblem(error: unknown): Problem {
  if (isVeritrailError(error)) {
    const extra: Record<string, unknown> = { errors: error.errors }
    if (error.details) for (const [k, v] of Object.entries(error.details)) if (!(k in extra)) extra[k] = v
    return problem(error.code, error.message, extra)
  }
  return problem('internal', 'Something went wrong on the server; nothing was changed. The error was logged with this request’s correlation id.')
}
