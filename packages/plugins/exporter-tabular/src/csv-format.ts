// RFC 4180: fields separated by commas, records by CRLF; a field holding a comma, a quote, CR or
// LF is quoted, with quotes doubled.

const NEEDS_QUOTES = /[",\r\n]/
/** A cell a spreadsheet would run as a formula (CSV injection); shown with a leading apostrophe. */
const FORMULA = /^[=+\-@\t\r]/

/** One CSV record (with its CRLF). */
export function csvRecord(fields: readonly string[]): string {
  let line = ''
  for (let i = 0; i < fields.length; i++) {
    if (i > 0) line += ','
    line += csvField(fields[i]!)
  }
  return line + '\r\n'
}

/** One field, quoted when it must be. */
export function csvField(field: string): string {
  return NEEDS_QUOTES.test(field) ? `"${field.replaceAll('"', '""')}"` : field
}

/** Free text as a cell: a leading `=`, `+`, `-`, `@` gets an apostrophe so no formula runs. */
export function textCell(text: string | undefined): string {
  if (text === undefined) return ''
  return FORMULA.test(text) ? `'${text}` : text
}

/** UTF-8 byte order mark: spreadsheets then read the file as UTF-8 (Chinese text intact). */
export const BOM = '\uFEFF'
