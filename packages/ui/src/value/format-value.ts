/** JSON values as the API returns them. */
export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue }

export interface ValueText {
  yes: string
  no: string
  empty: string
}

/**
 * A stored value as a person reads it: decimal strings stay as written (5.10 is not 5.1),
 * booleans become words, lists one item per line, objects `name: value` lines.
 */
export function formatValue(
  value: JsonValue | undefined,
  text: ValueText,
  labels?: (key: string) => string,
): string {
  if (value === undefined || value === null || value === '') return text.empty
  if (typeof value === 'boolean') return value ? text.yes : text.no
  if (typeof value === 'string' || typeof value === 'number') return String(value)
  if (Array.isArray(value)) {
    if (value.length === 0) return text.empty
    return value.map((item) => formatValue(item, text, labels).replaceAll('\n', '; ')).join('\n')
  }
  return Object.entries(value)
    .map(([key, item]) => `${labels?.(key) ?? key}: ${formatValue(item, text, labels)}`)
    .join('\n')
}

/** Deep equality of two JSON values (key order ignored). */
export function sameValue(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true
  if (a === null || b === null || a === undefined || b === undefined) return false
  if (typeof a !== 'object' || typeof b !== 'object') return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => sameValue(item, b[i]))
  }
  const ao = a as Record<string, JsonValue>
  const bo = b as Record<string, JsonValue>
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)])
  return [...keys].every((k) => sameValue(ao[k], bo[k]))
}
