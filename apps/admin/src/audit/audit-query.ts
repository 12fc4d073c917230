import { query } from '../api/client.ts'
import type { Entry } from '../api/types.ts'

/** The audit filters of the page, as kept in the URL (CONTRACT §5 query plus `reason`). */
export interface AuditFilters {
  trail: '' | 'data' | 'system'
  actor: string
  recordType: string
  recordId: string
  action: string
  /** `datetime-local` values in the reader's zone. */
  from: string
  to: string
  reason: string
  q: string
  order: 'desc' | 'asc'
}

export const EMPTY_FILTERS: AuditFilters = {
  trail: '',
  actor: '',
  recordType: '',
  recordId: '',
  action: '',
  from: '',
  to: '',
  reason: '',
  q: '',
  order: 'desc',
}

const KEYS = Object.keys(EMPTY_FILTERS) as (keyof AuditFilters)[]

export function filtersFromSearch(search: URLSearchParams): AuditFilters {
  const out: Record<string, string> = { ...EMPTY_FILTERS }
  for (const key of KEYS) out[key] = search.get(key) ?? out[key]!
  if (out.trail !== 'data' && out.trail !== 'system') out.trail = ''
  if (out.order !== 'asc') out.order = 'desc'
  return out as unknown as AuditFilters
}

/** The URL query of the filters (empty ones left out). */
export function filtersToSearch(filters: AuditFilters, extra: Record<string, string> = {}): string {
  const params: Record<string, string> = { ...extra }
  for (const key of KEYS) if (filters[key] !== EMPTY_FILTERS[key]) params[key] = filters[key]
  return query(params)
}

/** `2026-11-22T08:00` in the reader's zone → ISO UTC for the API. */
export function localToIso(value: string): string | undefined {
  if (!value) return undefined
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString()
}

/**
 * The `GET /api/v1/audit` query of the filters. The API has no reason filter: its text goes to
 * the full-text search (which covers reasons) when no other search text is given, and the
 * reason itself is then checked on each entry (`matchesReason`).
 */
export function auditApiQuery(
  filters: AuditFilters,
  cursor: string | undefined,
  limit: number,
): string {
  return query({
    trail: filters.trail,
    actor: filters.actor.trim(),
    recordType: filters.recordType,
    recordId: filters.recordId.trim(),
    action: filters.action,
    from: localToIso(filters.from),
    to: localToIso(filters.to),
    q: filters.q.trim() || filters.reason.trim(),
    order: filters.order,
    limit,
    cursor,
  })
}

/** True when the entry's reason (code label, display label or text) contains `text`. */
export function matchesReason(entry: Entry, text: string): boolean {
  const needle = text.trim().toLowerCase()
  if (!needle) return true
  const parts = [entry.reason?.label, entry.reason?.text, entry.display?.reason, entry.reason?.code]
  return parts.some((p) => p?.toLowerCase().includes(needle))
}
