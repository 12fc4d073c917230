import { canonicalJson, type JsonValue } from '../canonical/canonical-json.js'
import type { FieldChange } from '../ledger/entry.js'
import type { Locale } from '../extension/i18n.js'
import type { RecordTypeDefinition } from '../extension/record-type.js'

type Data = Record<string, JsonValue>

/**
 * Field-level changes between two versions of a record's data, in the record type's field order
 * (then any undeclared keys, sorted). Values are compared by their canonical JSON, so `-0` vs `0`
 * is no change while `"5.10"` vs `"5.1"` is one. Labels are frozen in `locale`.
 * On creation pass `before = undefined`: every field appears with no `old`.
 */
export function diffData(
  type: RecordTypeDefinition,
  before: Data | undefined,
  after: Data,
  locale: Locale,
): FieldChange[] {
  const declared = Object.keys(type.fields)
  const extra = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after)])]
    .filter((k) => !Object.hasOwn(type.fields, k))
    .sort()
  const changes: FieldChange[] = []
  for (const field of [...declared, ...extra]) {
    const old = before?.[field]
    const now = after[field]
    if (old === undefined && now === undefined) continue
    if (old !== undefined && now !== undefined && canonicalJson(old) === canonicalJson(now)) continue
    const change: FieldChange = { field, label: fieldLabel(type, field, locale) }
    if (old !== undefined) change.old = old
    if (now !== undefined) change.new = now
    changes.push(change)
  }
  return changes
}

export function fieldLabel(type: RecordTypeDefinition, field: string, locale: Locale): string {
  return type.fields[field]?.label[locale] ?? field
}

/**
 * The changes to critical fields that need a reason: an existing value changed or removed.
 * Entering a value for the first time is original data, not a change (ALCOA "Original").
 */
export function criticalChanges(type: RecordTypeDefinition, changes: FieldChange[]): FieldChange[] {
  return changes.filter((c) => type.fields[c.field]?.critical !== undefined && c.old !== undefined && c.old !== null)
}
