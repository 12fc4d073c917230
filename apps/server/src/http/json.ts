import { VeritrailError } from '@veritrail/core'

/** Deeper than any record, ingest batch or setting needs; deeper input only serves to exhaust stacks. */
export const MAX_DEPTH = 64

/**
 * Parses a JSON request body as I-JSON (RFC 7493), which RFC 8785 canonicalisation assumes: a
 * member name given twice in one object is refused rather than silently keeping the last value,
 * so what is stored is never different from what another parser would read from the same bytes.
 * Nesting deeper than {@link MAX_DEPTH} is refused before any service recurses into it.
 *
 * @throws VeritrailError `validation_failed` for malformed JSON, a repeated member name or too deep nesting.
 */
export function parseJsonBody(text: string): unknown {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw new VeritrailError(
      'validation_failed',
      `The body is not valid JSON: ${(error as Error).message}`,
      { errors: [{ path: '', message: 'Malformed JSON.' }] },
    )
  }
  const shape = measure(value)
  if (shape.depth > MAX_DEPTH) {
    throw new VeritrailError(
      'validation_failed',
      `The body nests arrays or objects more than ${MAX_DEPTH} levels deep.`,
      {
        errors: [{ path: '', message: `Nested deeper than ${MAX_DEPTH} levels.` }],
      },
    )
  }
  if (nameSeparators(text) !== shape.members) {
    throw new VeritrailError(
      'validation_failed',
      'The body names the same member twice in one object; send each name once.',
      {
        errors: [{ path: '', message: 'Duplicate member name.' }],
      },
    )
  }
  return value
}

/** In valid JSON, every `:` outside a string separates a member name from its value. */
function nameSeparators(text: string): number {
  let count = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i)
    if (inString) {
      if (ch === 0x5c) i++
      else if (ch === 0x22) inString = false
    } else if (ch === 0x22) inString = true
    else if (ch === 0x3a) count++
  }
  return count
}

/**
 * How deep a parsed value nests and how many members its objects have (a repeated name was kept
 * once, so duplicates make the count smaller than the text's name separators). Iterative: a
 * hostile body cannot exhaust the stack here.
 */
function measure(root: unknown): { depth: number; members: number } {
  let members = 0
  let depth = 0
  const stack: [unknown, number][] = [[root, 0]]
  while (stack.length > 0) {
    const [value, level] = stack.pop()!
    if (typeof value !== 'object' || value === null) continue
    depth = Math.max(depth, level + 1)
    if (depth > MAX_DEPTH) break
    if (Array.isArray(value)) {
      for (const item of value) stack.push([item, level + 1])
      continue
    }
    for (const key of Object.keys(value)) {
      members++
      stack.push([(value as Record<string, unknown>)[key], level + 1])
    }
  }
  return { depth, members }
}
