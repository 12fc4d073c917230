import { ApiError } from './problem.ts'

export type Locale = 'en' | 'zh-CN'

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE'
  body?: unknown
  /** A raw body (attachments) instead of JSON. */
  raw?: Blob
  headers?: Record<string, string>
  signal?: AbortSignal
}

export interface ApiClient {
  /** JSON in, JSON out; a non-2xx answer throws an `ApiError`. */
  json<T>(path: string, options?: RequestOptions): Promise<T>
  /** The raw response of a successful request (downloads, probes). */
  response(path: string, options?: RequestOptions): Promise<Response>
  /** The HTTP status a GET of `path` answers (capability checks); never throws on status. */
  status(path: string): Promise<number>
}

/**
 * The only way the admin UI reaches the server: the public HTTP API (ARCHITECTURE §2.10), with
 * the session cookie and the reader's language. A 401 outside sign-in ends the session in the UI.
 */
export function createApiClient(options: {
  base?: string
  locale: () => Locale
  onSessionEnded: (error: ApiError) => void
}): ApiClient {
  const base = options.base ?? ''

  async function send(path: string, request: RequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = {
      'accept-language': options.locale(),
      ...request.headers,
    }
    let body: BodyInit | undefined
    if (request.raw) {
      body = request.raw
    } else if (request.body !== undefined) {
      headers['content-type'] = 'application/json'
      body = JSON.stringify(request.body)
    }
    const res = await fetch(base + path, {
      method: request.method ?? 'GET',
      headers,
      credentials: 'same-origin',
      ...(body !== undefined ? { body } : {}),
      ...(request.signal ? { signal: request.signal } : {}),
    })
    if (res.ok) return res
    const problem = await res.json().catch(() => ({}))
    const error = new ApiError(res.status, problem as Record<string, unknown>)
    if (res.status === 401 && !path.startsWith('/api/v1/auth/')) options.onSessionEnded(error)
    throw error
  }

  return {
    async json<T>(path: string, request?: RequestOptions): Promise<T> {
      const res = await send(path, request)
      if (res.status === 204) return undefined as T
      return (await res.json()) as T
    },
    response: send,
    async status(path: string): Promise<number> {
      const res = await fetch(base + path, {
        credentials: 'same-origin',
        headers: { 'accept-language': options.locale() },
      })
      return res.status
    },
  }
}

/** `?a=1&b=x` from the defined, non-empty values of `params`. */
export function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams()
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== '') search.set(k, String(v))
  const text = search.toString()
  return text ? `?${text}` : ''
}
