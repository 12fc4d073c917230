import type { Measure } from './font.js'

/** Characters after which a line may break without a space: CJK ideographs, kana, full-width forms. */
const CJK = /[\u2E80-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFF00-\uFFEF]/
const BREAK_AFTER = /[\s/,;:\-–—|·、，；：。]/

/**
 * Breaks `text` into lines no wider than `maxWidth` points at `size`: at spaces and punctuation
 * where it can, after any CJK character, and inside a long token (a hash, an id) only when
 * nothing else fits. Newlines in `text` always break.
 */
export function wrap(text: string, maxWidth: number, size: number, measure: Measure): string[] {
  const out: string[] = []
  for (const paragraph of text.split('\n')) {
    let line = ''
    let width = 0
    let breakAt = -1
    for (const ch of paragraph) {
      const w = measure.char(ch) * size
      if (width + w > maxWidth && line !== '') {
        if (breakAt > 0 && breakAt < line.length) {
          out.push(line.slice(0, breakAt).trimEnd())
          line = line.slice(breakAt).trimStart()
        } else {
          out.push(line.trimEnd())
          line = ''
        }
        width = measure.width(line, size)
        breakAt = -1
      }
      line += ch
      width += w
      if (BREAK_AFTER.test(ch) || CJK.test(ch)) breakAt = line.length
    }
    out.push(line)
  }
  return out
}
