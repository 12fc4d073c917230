import { VeritrailError, type FieldError } from '../errors.js'

/** A JSON value as the ledger stores it (after the fidelity rules). */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue }

/** Where a value sits, built only when an error needs it (the happy path allocates no paths). */
type Path = { parent: Path; key: string | number } | null

/**
 * RFC 8785 (JCS) canonical JSON with Veritrail's data-fidelity rules (ARCHITECTURE §2.4):
 * strings are kept exactly as given (no Unicode normalisation) but lone surrogates are refused;
 * non-finite numbers and integers beyond ±(2^53 − 1) are refused; −0 becomes 0; object keys are
 * sorted by UTF-16 code units; properties whose value is `undefined` are left out.
 * Numbers and strings are serialised exactly as ECMAScript `JSON.stringify` does, which is what
 * RFC 8785 §3.2.2 prescribes.
 *
 * @throws VeritrailError `validation_failed` naming every offending path.
 * @example canonicalJson({ b: 1, a: 'x' }) // '{"a":"x","b":1}'
 */
export function canonicalJson(value: unknown): string {
  const errors: FieldError[] = []
  const out = write(value, null, errors, '')
  if (errors.length > 0) {
    throw new VeritrailError('validation_failed', describe(errors), { errors })
  }
  return out
}

/** The problems `canonicalJson` would refuse, as values (empty when the value is acceptable). */
export function fidelityErrors(value: unknown, path = ''): FieldError[] {
  const errors: FieldError[] = []
  write(value, null, errors, path)
  return errors
}

function describe(errors: FieldError[]): string {
  const first = errors[0]!
  const where = first.path === '' ? 'The value' : `“${first.path}”`
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more problem(s))` : ''
  return `${where}: ${first.message}${more}`
}

function render(path: Path, root: string): string {
  const parts: (string | number)[] = []
  for (let p = path; p !== null; p = p.parent) parts.push(p.key)
  let out = root
  for (const key of parts.reverse()) {
    out = typeof key === 'number' ? `${out}[${key}]` : out === '' ? key : `${out}.${key}`
  }
  return out
}

function write(value: unknown, path: Path, errors: FieldError[], root: string): string {
  switch (typeof value) {
    case 'string':
      if (!value.isWellFormed()) {
        errors.push({ path: render(path, root), message: 'contains an unpaired UTF-16 surrogate, which is not text.' })
      }
      return JSON.stringify(value)
    case 'number':
      if (!Number.isFinite(value)) {
        errors.push({ path: render(path, root), message: 'is not a finite number (NaN and Infinity cannot be stored).' })
        return 'null'
      }
      if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
        errors.push({
          path: render(path, root),
          message: 'is an integer beyond ±9007199254740991 and would lose digits; send it as a decimal string.',
        })
      }
      return value === 0 ? '0' : JSON.stringify(value)
    case 'boolean':
      return value ? 'true' : 'false'
    case 'object': {
      if (value === null) return 'null'
      if (Array.isArray(value)) {
        let out = '['
        for (let i = 0; i < value.length; i++) {
          if (i > 0) out += ','
          out += write(value[i], { parent: path, key: i }, errors, root)
        }
        return out + ']'
      }
      const proto = Object.getPrototypeOf(value)
      if (proto !== Object.prototype && proto !== null) {
        errors.push({ path: render(path, root), message: 'is not plain JSON data.' })
        return 'null'
      }
      const obj = value as Record<string, unknown>
      const keys = Object.keys(obj).sort()
      let out = '{'
      for (const key of keys) {
        const item = obj[key]
        if (item === undefined) continue
        const itemPath = { parent: path, key }
        if (!key.isWellFormed()) {
          errors.push({ path: render(itemPath, root), message: 'has a name with an unpaired UTF-16 surrogate.' })
        }
        if (out.length > 1) out += ','
        out += JSON.stringify(key) + ':' + write(item, itemPath, errors, root)
      }
      return out + '}'
    }
    default:
      errors.push({ path: render(path, root), message: `is not JSON data (${typeof value}).` })
      return 'null'
  }
}
