// Field builders: `import * as f from '../fields/index.js'`, then `f.text(...)`, `f.measured(...)`.
export { define, optional, shape, split, type Field, type FieldOptions } from './field.js'
export { choice, flag, integer, longtext, measured, text } from './scalar.js'
export { date, datetime, isCalendarDate } from './time.js'
export { attachment, blobHash, recordId, reference, references } from './linked.js'
export { table, textList } from './list.js'
export { END_BEFORE_START, endsAfterStart } from './checks.js'
