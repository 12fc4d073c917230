import type { JsonValue } from '../canonical/canonical-json.js'
import { VeritrailError, type FieldError } from '../errors.js'
import type { FieldDefinition, RecordTypeDefinition } from '../extension/record-type.js'
import { attachmentsByHash } from '../store/queries/attachments.js'
import type { WriteTx } from '../store/types.js'

/**
 * Referential integrity inside the write transaction: every `reference` field names a live
 * record of the declared type, every `attachment` field a blob the core holds — in top-level
 * fields and in the `columns` of lists and objects.
 */
export async function checkLinks(tx: WriteTx, type: RecordTypeDefinition, data: Record<string, JsonValue>): Promise<void> {
  const refs: { path: string; type: string; id: string }[] = []
  const blobs: { path: string; sha256: string }[] = []
  const visit = (def: FieldDefinition | undefined, value: JsonValue | undefined, path: string) => {
    if (!def || value === undefined || value === null) return
    if (def.kind === 'reference' && def.references && typeof value === 'string') refs.push({ path, type: def.references, id: value })
    else if (def.kind === 'attachment' && typeof value === 'string') blobs.push({ path, sha256: value })
    else if (def.kind === 'list' && Array.isArray(value)) {
      value.forEach((item, i) => {
        if (def.columns && typeof item === 'object' && item !== null && !Array.isArray(item)) {
          for (const [k, col] of Object.entries(def.columns)) visit(col, item[k], `${path}[${i}].${k}`)
        } else if (def.references && typeof item === 'string') refs.push({ path: `${path}[${i}]`, type: def.references, id: item })
      })
    } else if (def.kind === 'object' && def.columns && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, col] of Object.entries(def.columns)) visit(col, value[k], `${path}.${k}`)
    }
  }
  for (const [field, def] of Object.entries(type.fields)) visit(def, data[field], `data.${field}`)
  const errors: FieldError[] = []
  for (const ref of refs) {
    const target = await tx.recordVersion(ref.type, ref.id)
    if (!target) errors.push({ path: ref.path, message: `There is no ${ref.type} record ${ref.id}.` })
    else if (target.deleted) errors.push({ path: ref.path, message: `The ${ref.type} record ${ref.id} was deleted.` })
  }
  const held = new Set((await attachmentsByHash(tx.sql, [...new Set(blobs.map((b) => b.sha256))])).map((a) => a.sha256))
  for (const blob of blobs) if (!held.has(blob.sha256)) errors.push({ path: blob.path, message: 'No attachment with this SHA-256 was uploaded.' })
  if (errors.length > 0) {
    throw new VeritrailError('validation_failed', `The ${type.title.en} refers to something that does not exist: ${errors[0]!.path}: ${errors[0]!.message}`, { errors })
  }
}
