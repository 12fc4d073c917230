interface DecimalParts {
  negative: boolean
  integer: string
  fraction: string
}

/**
 * Compares two decimal strings exactly, without floating point: a negative number, zero or a
 * positive number. Trailing zeros do not change the value (`"5.10"` equals `"5.1"` here), which
 * is right for ranges even though the record keeps both spellings apart.
 */
export function compareDecimal(a: string, b: string): number {
  const x = parts(a)
  const y = parts(b)
  if (x.negative !== y.negative) return x.negative ? -1 : 1
  const magnitude = compareMagnitude(x, y)
  return x.negative ? -magnitude : magnitude
}

function parts(value: string): DecimalParts {
  const negative = value.startsWith('-')
  const [integerPart = '0', fractionPart = ''] = (negative ? value.slice(1) : value).split('.')
  const integer = integerPart.replace(/^0+(?=\d)/, '')
  const fraction = fractionPart.replace(/0+$/, '')
  return { negative: negative && (integer !== '0' || fraction !== ''), integer, fraction }
}

function compareMagnitude(x: DecimalParts, y: DecimalParts): number {
  if (x.integer.length !== y.integer.length) return x.integer.length - y.integer.length
  if (x.integer !== y.integer) return x.integer < y.integer ? -1 : 1
  const width = Math.max(x.fraction.length, y.fraction.length)
  const fx = x.fraction.padEnd(width, '0')
  const fy = y.fraction.padEnd(width, '0')
  return fx === fy ? 0 : fx < fy ? -1 : 1
}
