import { createHash } from 'node:crypto'
import { toJsonSchema } from '@valibot/to-json-schema'
import { canonicalJson, type JsonValue } from '../canonical/canonical-json.js'
import type { RecordTypeDefinition } from '../extension/record-type.js'

/** A record type as stored in the database: plain data plus the JSON Schema of its `schema`. */
export interface StoredDefinition {
  json: string
  sha256: string
}

const cache = new WeakMap<RecordTypeDefinition, StoredDefinition>()

/** The JSON Schema (draft 07) derived from a record type's valibot schema. */
export function recordJsonSchema(type: RecordTypeDefinition): JsonValue {
  return toJsonSchema(type.schema, { errorMode: 'ignore' }) as unknown as JsonValue
}

/**
 * The canonical, storable form of a record type (everything but the schema object, which is
 * replaced by its JSON Schema) and its SHA-256; the hash goes into the system trail.
 */
export function storedDefinition(type: RecordTypeDefinition): StoredDefinition {
  const hit = cache.get(type)
  if (hit) return hit
  const { schema: _schema, ...data } = type
  // Canonical JSON sorts keys, so the display order of fields is kept explicitly.
  const json = canonicalJson({ ...data, fieldOrder: Object.keys(type.fields), jsonSchema: recordJsonSchema(type) })
  const stored = { json, sha256: createHash('sha256').update(json).digest('hex') }
  cache.set(type, stored)
  return stored
}
