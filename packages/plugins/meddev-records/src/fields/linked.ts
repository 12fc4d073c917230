import * as v from 'valibot'
import type { LocalizedText } from '@veritrail/core'
import { define, type Field, type FieldOptions } from './field.js'

/** The id the core assigned to a record (a UUID, version 7). */
export const recordId = v.pipe(v.string(), v.uuid('Expected the id of a record.'))

/** The SHA-256 (lower-case hex) of a content-addressed attachment blob. */
export const blobHash = v.pipe(
  v.string(),
  v.regex(/^[0-9a-f]{64}$/, 'Expected the SHA-256 of an attachment (64 hex digits).'),
)

/** A link to one record of type `typeId`. */
export function reference(label: LocalizedText, typeId: string, options: FieldOptions = {}) {
  return {
    schema: recordId,
    definition: define('reference', label, options, { references: typeId }),
  } satisfies Field
}

/** Links to records of type `typeId`, in order, each at most once. */
export function references(
  label: LocalizedText,
  typeId: string,
  options: FieldOptions & { min?: number } = {},
) {
  const schema = v.pipe(
    v.array(recordId),
    v.minLength(options.min ?? 0),
    v.check((ids) => new Set(ids).size === ids.length, 'A record is linked twice.'),
  )
  return {
    schema,
    definition: define('list', label, options, { references: typeId }),
  } satisfies Field
}

/** A raw file (instrument export, certificate, signed PDF) stored once under its SHA-256. */
export function attachment(label: LocalizedText, options: FieldOptions = {}) {
  return { schema: blobHash, definition: define('attachment', label, options) } satisfies Field
}
