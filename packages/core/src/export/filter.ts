import * as v from 'valibot'
import { textFilter } from '../audit/query.js'
import { VeritrailError } from '../errors.js'
import type { Trail } from '../ledger/entry.js'
import { actorIds, type EntrySearch } from '../store/queries/audit.js'
import type { ReadExecutor } from '../store/types.js'

const text = (max: number) =>
  v.pipe(
    v.string(),
    v.maxLength(max, `At most ${max} characters.`),
    v.check((s) => s.isWellFormed(), 'Not well-formed Unicode.'),
  )

const isoTime = v.pipe(
  v.string(),
  v.check(
    (s) => /^\d{4}-\d\d-\d\d/.test(s) && !Number.isNaN(Date.parse(s)),
    'An ISO 8601 time such as 2026-11-22T08:00:00Z or a date such as 2026-11-22.',
  ),
  v.transform((s) => new Date(Date.parse(s)).toISOString()),
)

/**
 * What an export covers: the audit query fields of CONTRACT §5 (`trail`, `q`, `actor`,
 * `action`, `recordType`, `recordId`, `from`, `to`), all optional. An empty filter is both
 * trails, everything. `from` is inclusive, `to` exclusive, both normalised to UTC.
 */
export const ExportFilterSchema = v.strictObject({
  trail: v.optional(v.picklist(['data', 'system'], 'Use data or system.')),
  q: v.optional(text(200)),
  actor: v.optional(text(200)),
  action: v.optional(text(1000)),
  recordType: v.optional(text(200)),
  recordId: v.optional(text(200)),
  from: v.optional(isoTime),
  to: v.optional(isoTime),
})

export type ExportFilter = v.InferOutput<typeof ExportFilterSchema>

/**
 * Validates an export filter, dropping empty strings (a form's blank fields).
 *
 * @throws VeritrailError `validation_failed` naming the first bad field.
 */
export function parseExportFilter(input: unknown): ExportFilter {
  const raw = input ?? {}
  const cleaned =
    typeof raw === 'object' && !Array.isArray(raw)
      ? Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== '' && value !== null))
      : raw
  const parsed = v.safeParse(ExportFilterSchema, cleaned)
  if (parsed.success) return parsed.output
  const errors = parsed.issues.map((i) => ({ path: `filter.${v.getDotPath(i) ?? ''}`, message: i.message }))
  throw new VeritrailError('validation_failed', `The export filter is not valid: ${errors[0]!.path}: ${errors[0]!.message}`, { errors })
}

/**
 * The filter a role may export (CONTRACT §5): a system administrator exports the system trail
 * only, so a sysadmin filter without a trail is narrowed to it and one naming the data trail is
 * refused.
 *
 * @throws VeritrailError `forbidden` for a system administrator asking for the data trail.
 */
export function filterForRole(filter: ExportFilter, role: string): ExportFilter {
  if (role !== 'sysadmin') return filter
  if (filter.trail === 'data') {
    throw new VeritrailError('forbidden', 'A system administrator may export the system trail only; GMP data is exported by QA, reviewers or auditors.')
  }
  return { ...filter, trail: 'system' }
}

/** The store search (without paging) that selects a filter's entries. */
export async function entrySearchOf(
  filter: ExportFilter,
  db: ReadExecutor,
): Promise<Omit<EntrySearch, 'order' | 'afterId' | 'limit'>> {
  const actions = filter.action?.split(',').map((a) => a.trim()).filter(Boolean)
  return {
    ...(filter.trail ? { trail: filter.trail as Trail } : {}),
    ...(filter.actor ? { actorIds: await actorIds(db, filter.actor) } : {}),
    ...(actions?.length ? { actions } : {}),
    ...(filter.recordType ? { recordType: filter.recordType } : {}),
    ...(filter.recordId ? { recordId: filter.recordId } : {}),
    ...(filter.from ? { fromTs: filter.from } : {}),
    ...(filter.to ? { toTs: filter.to } : {}),
    ...textFilter(filter.q?.trim()),
  }
}

/** True when the filter names one record: the export is that record's true copy (R-EX-03). */
export function isRecordScope(filter: ExportFilter): filter is ExportFilter & { recordType: string; recordId: string } {
  return filter.recordType !== undefined && filter.recordId !== undefined
}
