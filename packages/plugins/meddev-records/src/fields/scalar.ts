import * as v from 'valibot'
import { decimal, type LocalizedText } from '@veritrail/core'
import { compareDecimal } from '../decimal-compare.js'
import { define, type Field, type FieldOptions } from './field.js'

/** A single line of text, never empty; `pattern` pins a number format such as `CC-2024-0001`. */
export function text(
  label: LocalizedText,
  options: FieldOptions & { max?: number; pattern?: RegExp } = {},
) {
  const max = options.max ?? 200
  const schema = options.pattern
    ? v.pipe(
        v.string(),
        v.nonEmpty('Required.'),
        v.maxLength(max),
        v.regex(options.pattern, `Must match ${options.pattern.source}.`),
      )
    : v.pipe(v.string(), v.nonEmpty('Required.'), v.maxLength(max))
  return { schema, definition: define('text', label, options) } satisfies Field
}

/** Free text over several lines (comments, root causes, assessments). */
export function longtext(label: LocalizedText, options: FieldOptions = {}) {
  const schema = v.pipe(v.string(), v.nonEmpty('Required.'), v.maxLength(8000))
  return { schema, definition: define('longtext', label, options) } satisfies Field
}

/** A whole number, e.g. a sample size or a count of units. */
export function integer(
  label: LocalizedText,
  options: FieldOptions & { min?: number; max?: number; unit?: string } = {},
) {
  const schema = v.pipe(
    v.number(),
    v.integer('Must be a whole number.'),
    v.minValue(options.min ?? 0),
    v.maxValue(options.max ?? Number.MAX_SAFE_INTEGER),
  )
  const range = {
    min: String(options.min ?? 0),
    ...(options.max === undefined ? {} : { max: String(options.max) }),
  }
  return {
    schema,
    definition: define('integer', label, options, { unit: options.unit, range }),
  } satisfies Field
}

/**
 * A measured value as a decimal string whose digits are kept as written (`"5.10"` ≠ `"5.1"`),
 * with its unit and, where one is validated, its range (inclusive; compared exactly).
 */
export function measured(
  label: LocalizedText,
  options: FieldOptions & { unit?: string; min?: string; max?: string } = {},
) {
  const { min, max, unit } = options
  const within = (value: string) =>
    (min === undefined || compareDecimal(value, min) >= 0) &&
    (max === undefined || compareDecimal(value, max) <= 0)
  const schema = v.pipe(
    decimal(),
    v.check(within, `Must be within ${min ?? '−∞'} … ${max ?? '∞'}${unit ? ` ${unit}` : ''}.`),
  )
  const range =
    min === undefined && max === undefined
      ? undefined
      : { ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) }
  return { schema, definition: define('decimal', label, options, { unit, range }) } satisfies Field
}

/** Yes or no. */
export function flag(label: LocalizedText, options: FieldOptions = {}) {
  return { schema: v.boolean(), definition: define('boolean', label, options) } satisfies Field
}

/** One of a fixed list of values, each with its labels (object key order is display order). */
export function choice<const TValue extends string>(
  label: LocalizedText,
  choices: Record<TValue, LocalizedText>,
  options: FieldOptions = {},
) {
  const values = Object.keys(choices) as TValue[]
  const picklist = values.map((value) => ({ value, label: choices[value] }))
  return {
    schema: v.picklist(values),
    definition: define('enum', label, options, { options: picklist }),
  } satisfies Field
}
