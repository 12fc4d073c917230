import { createRoot } from 'solid-js'
import type { RecordType } from '../api/types.ts'
import { createLoader } from '../app/loader.ts'
import { api, currentUser } from '../app/session.ts'
import { locale } from '../i18n/i18n.ts'

/** The record types the server offers, with labels in the reader's language (cached, never suspends). */
export const recordTypes = createRoot(() =>
  createLoader(
    () => (currentUser() ? locale() : undefined),
    () => api.json<RecordType[]>('/api/v1/record-types'),
  ),
)

export function recordTypeById(id: string): RecordType | undefined {
  return recordTypes()?.find((t) => t.id === id)
}

/** Whether `field` of `type` is critical (changing it needs a reason). */
export function isCriticalField(type: string, field: string): boolean {
  return recordTypeById(type)?.fields.find((f) => f.name === field)?.critical ?? false
}

/** A record's one-line title from its type's summary template (`{product} · {recipeVersion}`). */
export function recordSummary(
  type: RecordType | undefined,
  data: Record<string, unknown> | null,
  fallback: string,
): string {
  if (!type?.summary || !data) return fallback
  const text = type.summary.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = data[name]
    return value === undefined || value === null ? '' : String(value)
  })
  return text.replace(/^[\s·]+|[\s·]+$/g, '') || fallback
}
