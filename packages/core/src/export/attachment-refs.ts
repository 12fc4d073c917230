import type { JsonValue } from '../canonical/canonical-json.js'
import type { FieldDefinition } from '../extension/record-type.js'

const SHA256 = /^[0-9a-f]{64}$/

/**
 * The attachments a record version refers to: the SHA-256 values of its `attachment` fields,
 * also inside `list` and `object` fields, in field order, each once.
 *
 * @example attachmentRefs({ report: 'ab…' }, { report: { kind: 'attachment', label } }) // ['ab…']
 */
export function attachmentRefs(data: { [field: string]: JsonValue } | null, fields: Record<string, FieldDefinition>): string[] {
  const found = new Set<string>()
  const visit = (value: JsonValue | undefined, field: FieldDefinition | undefined) => {
    if (value === undefined || value === null || !field) return
    if (field.kind === 'attachment') {
      for (const v of Array.isArray(value) ? value : [value]) if (typeof v === 'string' && SHA256.test(v)) found.add(v)
    } else if (field.columns && (field.kind === 'list' || field.kind === 'object')) {
      for (const row of Array.isArray(value) ? value : [value]) {
        if (typeof row !== 'object' || row === null || Array.isArray(row)) continue
        for (const [name, column] of Object.entries(field.columns)) visit(row[name], column)
      }
    }
  }
  for (const [name, field] of Object.entries(fields)) visit(data?.[name], field)
  return [...found]
}
