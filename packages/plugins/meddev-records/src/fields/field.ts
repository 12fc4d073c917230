import * as v from 'valibot'
import type { Criticality, FieldDefinition, FieldKind, LocalizedText } from '@veritrail/core'

/**
 * One field of a record type: its valibot schema and its definition, declared together so that
 * the schema and the field list cannot drift apart (a range is written once and both enforced
 * and shown to reviewers).
 */
export interface Field<TSchema extends v.GenericSchema = v.GenericSchema> {
  readonly schema: TSchema
  readonly definition: FieldDefinition
}

/** What every field may declare besides its label. */
export interface FieldOptions {
  critical?: Criticality
  description?: LocalizedText
}

/** A field definition without `undefined` members (definitions are stored as canonical JSON). */
export function define(
  kind: FieldKind,
  label: LocalizedText,
  options: FieldOptions,
  extra: Omit<FieldDefinition, 'kind' | 'label' | 'critical' | 'description'> = {},
): FieldDefinition {
  const definition: FieldDefinition = { label, kind }
  if (options.description) definition.description = options.description
  if (options.critical) definition.critical = options.critical
  for (const [key, value] of Object.entries(extra)) {
    if (value !== undefined) Object.assign(definition, { [key]: value })
  }
  return definition
}

/** The same field, but a record may leave it out. */
export function optional<TSchema extends v.GenericSchema>(
  field: Field<TSchema>,
): Field<v.OptionalSchema<TSchema, undefined>> {
  return { schema: v.optional(field.schema), definition: field.definition }
}

/** Splits fields into valibot object entries and field definitions, keeping their order. */
export function split<TFields extends Record<string, Field>>(fields: TFields) {
  const entries = {} as { [K in keyof TFields]: TFields[K]['schema'] }
  const definitions: Record<string, FieldDefinition> = {}
  for (const name of Object.keys(fields) as (keyof TFields & string)[]) {
    entries[name] = fields[name]!.schema
    definitions[name] = fields[name]!.definition
  }
  return { entries, definitions }
}

/**
 * The `schema` and `fields` of a record type from its fields, in display order. The object is
 * not strict: the core itself refuses undeclared top-level fields, with a clearer message.
 */
export function shape<TFields extends Record<string, Field>>(fields: TFields) {
  const { entries, definitions } = split(fields)
  return { schema: v.object(entries), fields: definitions }
}
