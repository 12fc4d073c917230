import type { JsonValue } from '../canonical/canonical-json.js'
import type { Entry } from './entry.js'

/** Hex digests and UUIDs: found through their indexed columns, never through the text index. */
const OPAQUE_ID = /^[0-9a-f-]{32,}$/i

/**
 * The text the full-text index sees for one entry: what a person searches for — names, field
 * labels, old and new values, reasons, source references — plus caller-supplied extras (labels
 * in the other language). Ids, hashes, codes and action names stay out: they have their own
 * indexed filters, and random strings would double the cost of the trigram index.
 * One value per line, so a trigram never spans two values.
 */
export function searchText(entry: Entry, extra: readonly string[] = []): string {
  const parts: string[] = [entry.actor.username, entry.actor.displayName]
  for (const change of entry.changes ?? []) {
    parts.push(change.label)
    if (change.old !== undefined) flatten(change.old, parts)
    if (change.new !== undefined) flatten(change.new, parts)
  }
  if (entry.reason?.label) parts.push(entry.reason.label)
  if (entry.reason?.text) parts.push(entry.reason.text)
  if (entry.authorizer) parts.push(entry.authorizer.username, entry.authorizer.displayName)
  if (entry.source) parts.push(entry.source.system, entry.source.user, entry.source.ref)
  if (entry.snapshot !== undefined) flatten(entry.snapshot, parts)
  if (entry.details) flatten(entry.details, parts)
  parts.push(...extra)
  return [...new Set(parts.filter((p) => p !== '' && !OPAQUE_ID.test(p)))].join('\n')
}

function flatten(value: JsonValue, out: string[]): void {
  if (value === null) return
  if (typeof value === 'object') {
    for (const item of Array.isArray(value) ? value : Object.values(value)) flatten(item, out)
    return
  }
  out.push(String(value))
}

/** Chinese, Japanese and Korean letters, which have no spaces between words. */
function isCjk(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) || // CJK unified ideographs
    (cp >= 0x3400 && cp <= 0x4dbf) || // extension A
    (cp >= 0x20000 && cp <= 0x323af) || // extensions B–H
    (cp >= 0xf900 && cp <= 0xfaff) || // compatibility ideographs
    (cp >= 0x3040 && cp <= 0x30ff) || // hiragana, katakana
    (cp >= 0xac00 && cp <= 0xd7af) || // hangul syllables
    (cp >= 0x1100 && cp <= 0x11ff) // hangul jamo
  )
}

/**
 * The overlapping character pairs of every CJK run in `text`, space-separated ("批次放行" →
 * "批次 次放 放行"): what the bigram index holds so two-character words are found by index.
 * A plain loop: it runs for every entry written.
 */
export function cjkBigrams(text: string): string {
  const out = new Set<string>()
  let previous = ''
  for (const ch of text) {
    if (ch.length === 1 && ch.charCodeAt(0) < 0x1100) {
      previous = ''
      continue
    }
    if (!isCjk(ch.codePointAt(0)!)) {
      previous = ''
      continue
    }
    if (previous) out.add(previous + ch)
    previous = ch
  }
  return [...out].join(' ')
}

/** Whether `q` is exactly two CJK characters (answered by the bigram index). */
export function isCjkBigram(q: string): boolean {
  const chars = [...q]
  return chars.length === 2 && chars.every((c) => isCjk(c.codePointAt(0)!))
}
