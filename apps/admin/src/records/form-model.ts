import { sameValue, type JsonValue } from '@veritrail/ui'
import type { FieldKind, JsonSchema, RecordData, RecordField, RecordType } from '../api/types.ts'
import type { MessageKey } from '../i18n/en.ts'
import { humanize } from '../i18n/vocabulary.ts'

/** What a form control holds: text, a checkbox, a list, or rows of a table. */
export type FormValue = string | boolean | string[] | Record<string, string>[]

export interface ColumnSpec {
  name: string
  label: string
  kind: FieldKind
  options?: { value: string; label: string }[]
  required: boolean
}

/** One generated form control, from the record type's field and its JSON Schema. */
export interface FormField {
  name: string
  label: string
  kind: FieldKind
  critical: boolean
  required: boolean
  unit?: string
  references?: string
  options?: { value: string; label: string }[]
  /** For lists: scalars one per line, references to pick, or rows with columns. */
  list?: 'text' | 'reference' | 'rows'
  columns?: ColumnSpec[]
  maxLength?: number
  /** The lifecycle state field: changed by transitions, not typed in. */
  lifecycle: boolean
}

const DECIMAL = /^-?(0|[1-9]\d*)(\.\d+)?$/

/** The form of a record type, in its field order. */
export function formFields(type: RecordType): FormField[] {
  const schema = type.jsonSchema
  const required = new Set(schema.required ?? [])
  return type.fields.map((f) => {
    const prop = schema.properties?.[f.name] ?? {}
    const field: FormField = {
      name: f.name,
      label: f.label,
      kind: f.kind,
      critical: f.critical,
      required: required.has(f.name),
      lifecycle: type.lifecycle?.field === f.name,
      ...(f.unit ? { unit: f.unit } : {}),
      ...(f.references ? { references: f.references } : {}),
      ...(f.options ? { options: f.options } : {}),
      ...(prop.maxLength ? { maxLength: prop.maxLength } : {}),
    }
    if (f.kind === 'list') Object.assign(field, listShape(f, prop))
    return field
  })
}

function listShape(f: RecordField, prop: JsonSchema): Pick<FormField, 'list' | 'columns'> {
  if (f.references) return { list: 'reference' }
  const items = prop.items ?? {}
  if (items.type !== 'object' && !f.columns) return { list: 'text' }
  const required = new Set(items.required ?? [])
  const columns: ColumnSpec[] = f.columns
    ? f.columns.map((c) => ({
        name: c.name,
        label: c.label,
        kind: c.kind,
        required: required.has(c.name),
      }))
    : Object.entries(items.properties ?? {}).map(([name, p]) => ({
        name,
        label: humanize(name),
        kind: columnKind(p),
        ...(p.enum ? { options: p.enum.map((v) => ({ value: v, label: v })) } : {}),
        required: required.has(name),
      }))
  return { list: 'rows', columns }
}

function columnKind(p: JsonSchema): FieldKind {
  if (p.enum) return 'enum'
  if (p.type === 'integer') return 'integer'
  if (p.type === 'number') return 'number'
  if (p.type === 'boolean') return 'boolean'
  if (p.pattern && p.pattern.includes('(\\.\\d+)?')) return 'decimal'
  return 'text'
}

/** A stored value as the control shows it. */
export function toFormValue(field: FormField, value: JsonValue | undefined): FormValue {
  if (field.kind === 'boolean') return value === true
  if (field.kind === 'list') {
    const list = Array.isArray(value) ? value : []
    if (field.list === 'rows')
      return list.map((row) =>
        Object.fromEntries(
          Object.entries((row ?? {}) as Record<string, JsonValue>).map(([k, v]) => [
            k,
            v === null ? '' : String(v),
          ]),
        ),
      )
    return list.map((v) => String(v))
  }
  if (value === undefined || value === null) return ''
  if (field.kind === 'datetime' && typeof value === 'string') return isoToLocalInput(value)
  if (field.kind === 'object') return JSON.stringify(value, null, 2)
  return String(value)
}

export function toFormValues(
  fields: FormField[],
  data: RecordData | null,
  type?: RecordType,
): Record<string, FormValue> {
  const values: Record<string, FormValue> = {}
  for (const f of fields) {
    const stored =
      data?.[f.name] ?? (f.lifecycle && type?.lifecycle ? type.lifecycle.initial : undefined)
    values[f.name] = toFormValue(f, stored)
  }
  return values
}

/**
 * The record data of the form, and the field problems found before sending. Values left as
 * they were keep their stored form exactly, so an untouched field never counts as a change.
 */
export function fromFormValues(
  fields: FormField[],
  values: Record<string, FormValue>,
  original: RecordData | null,
): { data: RecordData; errors: Record<string, MessageKey> } {
  const data: RecordData = {}
  const errors: Record<string, MessageKey> = {}
  for (const f of fields) {
    const value = values[f.name]
    const stored = original?.[f.name]
    if (value === undefined) continue
    if (
      stored !== undefined &&
      sameValue(toFormValue(f, stored) as JsonValue, value as JsonValue)
    ) {
      data[f.name] = stored
      continue
    }
    const parsed = parseValue(f, value)
    if ('error' in parsed) errors[f.name] = parsed.error
    else if (parsed.value !== undefined) data[f.name] = parsed.value
    else if (f.required) errors[f.name] = 'required'
  }
  return { data, errors }
}

function parseValue(
  f: FormField,
  value: FormValue,
): { value: JsonValue | undefined } | { error: MessageKey } {
  if (typeof value === 'boolean') return { value }
  if (Array.isArray(value)) {
    if (f.list === 'rows') {
      const rows = (value as Record<string, string>[]).map((row) => parseRow(f.columns ?? [], row))
      const bad = rows.find((r) => 'error' in r)
      if (bad && 'error' in bad) return bad
      const list = rows
        .map((r) => ('value' in r ? r.value : {}))
        .filter((r) => Object.keys(r as object).length > 0)
      return { value: list.length > 0 ? list : undefined }
    }
    const list = (value as string[]).map((v) => v.trim()).filter(Boolean)
    return { value: list.length > 0 ? list : undefined }
  }
  return parseScalar(f.kind, value)
}

function parseRow(
  columns: ColumnSpec[],
  row: Record<string, string>,
): { value: JsonValue } | { error: MessageKey } {
  const out: Record<string, JsonValue> = {}
  for (const c of columns) {
    const parsed = parseScalar(c.kind, row[c.name] ?? '')
    if ('error' in parsed) return parsed
    if (parsed.value !== undefined) out[c.name] = parsed.value
  }
  return { value: out }
}

function parseScalar(
  kind: FieldKind,
  text: string,
): { value: JsonValue | undefined } | { error: MessageKey } {
  const trimmed = kind === 'longtext' || kind === 'text' ? text : text.trim()
  if (trimmed.trim() === '') return { value: undefined }
  switch (kind) {
    case 'integer':
    case 'number': {
      const n = Number(trimmed)
      if (!Number.isFinite(n) || (kind === 'integer' && !Number.isInteger(n)))
        return { error: 'invalidNumber' }
      return { value: n }
    }
    case 'decimal':
      return DECIMAL.test(trimmed) ? { value: trimmed } : { error: 'invalidDecimal' }
    case 'datetime': {
      const date = new Date(trimmed)
      return Number.isNaN(date.getTime()) ? { error: 'required' } : { value: date.toISOString() }
    }
    case 'object':
      try {
        return { value: JSON.parse(trimmed) as JsonValue }
      } catch {
        return { error: 'formHasErrors' }
      }
    default:
      return { value: trimmed }
  }
}

/** `2026-11-22T00:00:00.000Z` → `2026-11-22T08:00:00` in the reader's zone (datetime-local). */
export function isoToLocalInput(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
}

/** Labels of the critical fields whose value differs between `before` and `after`. */
export function criticalChanges(
  fields: FormField[],
  before: RecordData | null,
  after: RecordData,
): string[] {
  return fields
    .filter((f) => f.critical && !sameValue(before?.[f.name], after[f.name]))
    .map((f) => f.label)
}
