import { sameValue, type JsonValue } from '../value/format-value.ts'

/** One row of a side-by-side comparison. */
export interface DiffRow {
  field: string
  label: string
  old?: JsonValue | undefined
  new?: JsonValue | undefined
  changed: boolean
  critical?: boolean
}

export interface FieldInfo {
  name: string
  label: string
  critical?: boolean
}

/**
 * Rows comparing two versions of a record's data, in the record type's field order (unknown
 * fields after), each marked changed or not. `onlyChanged` drops the unchanged rows.
 */
export function diffRows(
  before: Record<string, JsonValue> | null | undefined,
  after: Record<string, JsonValue> | null | undefined,
  fields: readonly FieldInfo[],
  options: { onlyChanged?: boolean } = {},
): DiffRow[] {
  const a = before ?? {}
  const b = after ?? {}
  const known = new Set(fields.map((f) => f.name))
  const extra = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !known.has(k))
  const all: FieldInfo[] = [...fields, ...extra.map((name) => ({ name, label: name }))]
  const rows = all
    .filter((f) => a[f.name] !== undefined || b[f.name] !== undefined)
    .map((f) => ({
      field: f.name,
      label: f.label,
      old: a[f.name],
      new: b[f.name],
      changed: !sameValue(a[f.name], b[f.name]),
      ...(f.critical ? { critical: true } : {}),
    }))
  return options.onlyChanged ? rows.filter((r) => r.changed) : rows
}
