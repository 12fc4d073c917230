import type { JsonValue } from '../canonical/canonical-json.js'
import { VeritrailError, type FieldError } from '../errors.js'
import type { RecordTypeDefinition } from '../extension/record-type.js'
import { attachmentsByHash } from '../store/queries/attachments.js'
import type { WriteTx } from '../store/types.js'
import { collectLinks } from './link-targets.js'

/**
 * Referential integrity inside the write transaction: every `reference` field names a live
 * record of the declared type, every `attachment` field a blob the core holds.
 */
export async function checkLinks(tx: WriteTx, type: RecordTypeDefinition, data: Record<string, JsonValue>): Promise<void> {
  const { refs, blobs } = collectLinks(type, data)
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
