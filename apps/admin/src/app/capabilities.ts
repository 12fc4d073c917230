import { createRoot } from 'solid-js'
import { createLoader, type Loaded } from './loader.ts'
import { api } from './session.ts'

/** Endpoints of CONTRACT §6, §7 and §9 that a server may not offer yet. */
const PATHS = {
  reviews: '/api/v1/reviews',
  exports: '/api/v1/exports',
  backups: '/api/v1/backups',
  plugins: '/api/v1/plugins',
} as const

export type Capability = keyof typeof PATHS

let documented: Promise<Set<string> | undefined> | undefined

/** The paths of the server's OpenAPI document (undefined when it publishes none). */
function documentedPaths(): Promise<Set<string> | undefined> {
  documented ??= api
    .json<{ paths?: Record<string, unknown> }>('/api/v1/openapi.json')
    .then((doc) => new Set(Object.keys(doc.paths ?? {})))
    .catch(() => undefined)
  return documented
}

/**
 * Whether the server offers `name`: listed in its OpenAPI document, or — on a server without
 * one — a GET of the path answers anything but 404 (405 means it exists for another method).
 */
async function offers(name: Capability): Promise<boolean> {
  const paths = await documentedPaths()
  if (paths) return paths.has(PATHS[name])
  return (await api.status(PATHS[name])) !== 404
}

const cache = new Map<Capability, Loaded<boolean>>()

/** Whether the server offers `name` (checked once per page load; undefined until known). */
export function capability(name: Capability): Loaded<boolean> {
  let loaded = cache.get(name)
  if (!loaded) {
    loaded = createRoot(() => createLoader(() => name, offers))
    cache.set(name, loaded)
  }
  return loaded
}
