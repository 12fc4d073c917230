import * as v from 'valibot'
import { fidelityErrors, type JsonValue } from '../canonical/canonical-json.js'
import { VeritrailError, type FieldError } from '../errors.js'
import type { RecordTypeDefinition } from '../extension/record-type.js'

/**
 * Checks a record's data against its type: a plain object, no undeclared fields (nothing a
 * client sends is silently dropped), the valibot schema, and the data-fidelity rules.
 * Returns the data exactly as given.
 */
export function validateData(type: RecordTypeDefinition, data: unknown): Record<string, JsonValue> {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new VeritrailError('validation_failed', `The data of a ${type.title.en} must be an object of fields.`, {
      errors: [{ path: 'data', message: 'Expected an object.' }],
    })
  }
  const errors: FieldError[] = []
  for (const key of Object.keys(data)) {
    if (!Object.hasOwn(type.fields, key)) {
      errors.push({ path: `data.${key}`, message: `“${key}” is not a field of ${type.title.en}.` })
    }
  }
  const parsed = v.safeParse(type.schema, data)
  if (!parsed.success) {
    for (const issue of parsed.issues) {
      const path = v.getDotPath(issue)
      errors.push({ path: path ? `data.${path}` : 'data', message: humanMessage(issue) })
    }
  }
  errors.push(...fidelityErrors(data, 'data'))
  if (errors.length > 0) {
    const first = errors[0]!
    throw new VeritrailError('validation_failed', `The ${type.title.en} is not valid: ${first.path}: ${first.message}`, {
      errors,
    })
  }
  return data as Record<string, JsonValue>
}

/** valibot's default messages name types; people need to know what to do. */
function humanMessage(issue: v.BaseIssue<unknown>): string {
  if (issue.received === 'undefined' && (issue.kind === 'schema' || issue.type === 'object')) return 'Required.'
  return issue.message
}
