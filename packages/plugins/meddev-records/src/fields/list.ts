import * as v from 'valibot'
import type { LocalizedText } from '@veritrail/core'
import { define, split, type Field, type FieldOptions } from './field.js'

/** A list of short texts, e.g. equipment ids. */
export function textList(
  label: LocalizedText,
  options: FieldOptions & { min?: number; max?: number } = {},
) {
  const item = v.pipe(v.string(), v.nonEmpty('Required.'), v.maxLength(options.max ?? 100))
  const schema = v.pipe(v.array(item), v.minLength(options.min ?? 0))
  return { schema, definition: define('list', label, options) } satisfies Field
}

/**
 * A list of rows with the same columns, e.g. the components of a bill of materials. The core's
 * field definitions stop at the top level, so `columns` hands the column definitions to whoever
 * renders the table; the record type only knows the whole list as one field. Rows are strict
 * objects because the core checks undeclared keys at the top level only.
 */
export function table<TColumns extends Record<string, Field>>(
  label: LocalizedText,
  columns: TColumns,
  options: FieldOptions & { min?: number } = {},
) {
  const { entries, definitions } = split(columns)
  const schema = v.pipe(v.array(v.strictObject(entries)), v.minLength(options.min ?? 0))
  const field: Field<typeof schema> = { schema, definition: define('list', label, options) }
  return { ...field, columns: definitions }
}
