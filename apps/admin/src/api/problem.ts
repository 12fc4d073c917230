/** One field-level problem of a problem+json answer (`path` like `data.minutes`). */
export interface FieldProblem {
  path: string
  message: string
}

/**
 * A refused request, from its RFC 9457 problem document. `code` is for the program to branch on;
 * `detail` is the server's sentence for people (pages prefer their own translated sentences).
 */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly errors: FieldProblem[]
  readonly extra: Record<string, unknown>

  constructor(status: number, body: Record<string, unknown>) {
    super(typeof body.detail === 'string' ? body.detail : `HTTP ${status}`)
    this.name = 'ApiError'
    this.status = status
    this.code = typeof body.code === 'string' ? body.code : 'internal'
    this.errors = Array.isArray(body.errors) ? (body.errors as FieldProblem[]) : []
    this.extra = body
  }

  /** 401 because the session ended after inactivity. */
  get idle(): boolean {
    return this.status === 401 && this.extra.reason === 'idle'
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError
}

/** Field messages keyed by the top-level field of `data.<field>...` paths. */
export function fieldErrors(
  errors: readonly FieldProblem[],
  prefix = 'data.',
): Record<string, string> {
  const out: Record<string, string> = {}
  for (const e of errors) {
    if (!e.path.startsWith(prefix)) continue
    const field = e.path.slice(prefix.length).split(/[.[]/)[0]!
    out[field] ??= e.message
  }
  return out
}
