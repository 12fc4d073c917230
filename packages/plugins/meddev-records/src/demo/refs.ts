const PREFIX = 'ref:'

/** The placeholder for a reference to the record the generator calls `key`. */
export function demoRef(key: string): string {
  return `${PREFIX}${key}`
}

/** The key inside a placeholder, or undefined for any other value. */
export function demoRefKey(value: unknown): string | undefined {
  return typeof value === 'string' && value.startsWith(PREFIX)
    ? value.slice(PREFIX.length)
    : undefined
}

/**
 * A copy of demo data with every `ref:<key>` placeholder (at any depth) replaced by the id the
 * core assigned to that record. Demo data never holds other strings starting with `ref:`.
 *
 * @example
 * resolveDemoRefs({ batch: 'ref:batch-7' }, (key) => ids.get(key)!) // { batch: '0190…' }
 */
export function resolveDemoRefs<T>(data: T, idOf: (key: string) => string): T {
  return resolve(data, idOf) as T
}

function resolve(value: unknown, idOf: (key: string) => string): unknown {
  const key = demoRefKey(value)
  if (key !== undefined) return idOf(key)
  if (Array.isArray(value)) return value.map((item) => resolve(item, idOf))
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, item]) => [k, resolve(item, idOf)]))
  }
  return value
}
