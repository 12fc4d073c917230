import * as v from 'valibot'
import type { LocalizedText } from '@veritrail/core'
import { define, type Field, type FieldOptions } from './field.js'

/** True for `YYYY-MM-DD` naming a day that exists (no 31 April, 29 February only in leap years). */
export function isCalendarDate(value: string): boolean {
  const day = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value
}

/** A calendar date, `YYYY-MM-DD`, as written on the paper or in the source system. */
export function date(label: LocalizedText, options: FieldOptions = {}) {
  const schema = v.pipe(
    v.string(),
    v.isoDate('Use YYYY-MM-DD.'),
    v.check(isCalendarDate, 'No such day.'),
  )
  return { schema, definition: define('date', label, options) } satisfies Field
}

/**
 * A moment of the process (not the audit timestamp, which the server takes): ISO 8601 with
 * seconds and an explicit offset, e.g. `2024-03-12T08:30:00+08:00`, so it is unambiguous.
 */
export function datetime(label: LocalizedText, options: FieldOptions = {}) {
  const schema = v.pipe(
    v.string(),
    v.isoTimestamp('Use ISO 8601 with seconds and a zone, e.g. 2024-03-12T08:30:00+08:00.'),
  )
  return { schema, definition: define('datetime', label, options) } satisfies Field
}
