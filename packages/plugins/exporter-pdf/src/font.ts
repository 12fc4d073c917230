import { existsSync } from 'node:fs'
import { VeritrailError } from '@veritrail/core'

/**
 * Where the report's font is found: Noto Sans CJK SC (Debian `fonts-noto-cjk`), which holds
 * Latin and Chinese glyphs, so one embedded (subset) font carries every text of the report and
 * `pdftotext` reads the Chinese back through its ToUnicode map.
 */
export const FONT_CANDIDATES: readonly { path: string; family?: string }[] = [
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/opentype/noto-cjk/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf' },
]

/**
 * The report font on this machine.
 *
 * @throws VeritrailError `plugin_error` naming the package to install when none is found.
 */
export function reportFont(candidates: readonly { path: string; family?: string }[] = FONT_CANDIDATES): { path: string; family?: string } {
  const found = candidates.find((c) => existsSync(c.path))
  if (!found) {
    throw new VeritrailError('plugin_error', `The PDF exporter needs the font Noto Sans CJK (Debian package fonts-noto-cjk); none of ${candidates.map((c) => c.path).join(', ')} exists.`)
  }
  return found
}

/** The parts of fontkit's glyph and font and of pdfkit's embedded font this module uses. */
interface Glyph {
  advanceWidth: number
}
interface FontkitFont {
  unitsPerEm: number
  glyphForCodePoint(codePoint: number): Glyph
}
export interface EmbeddedFont {
  id: string
  font: FontkitFont
  scale: number
  ascender: number
  layoutRun(text: string): { glyphs: Glyph[]; positions: object[]; advanceWidth: number }
  encode(text: string): [string[], object[]]
  ref(): object
}

/** Measures text set in the report font. */
export interface Measure {
  /** Width of `text` in points at font size `size`. */
  width(text: string, size: number): number
  /** Width of one character at size 1. */
  char(ch: string): number
}

/**
 * Makes text layout cheap and bounded. pdfkit lays text out through fontkit's OpenType shaping,
 * which for a CJK font costs about a millisecond per word, and caches every word it has seen
 * (unbounded over a long report). Neither Chinese nor Latin needs shaping here, so each
 * character maps straight to its glyph through a per-character cache (bounded by the font).
 * Returns the matching measure.
 */
export function fastLayout(font: EmbeddedFont): Measure {
  const glyphs = new Map<number, Glyph>()
  const glyph = (codePoint: number) => {
    let g = glyphs.get(codePoint)
    if (!g) glyphs.set(codePoint, (g = font.font.glyphForCodePoint(codePoint)))
    return g
  }
  font.layoutRun = (text) => {
    const run: Glyph[] = []
    const positions: object[] = []
    let total = 0
    for (const ch of text) {
      const g = glyph(ch.codePointAt(0)!)
      const width = g.advanceWidth * font.scale
      total += width
      run.push(g)
      positions.push({ xAdvance: width, yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: width })
    }
    return { glyphs: run, positions, advanceWidth: total }
  }
  const em = font.font.unitsPerEm
  return {
    char: (ch) => glyph(ch.codePointAt(0)!).advanceWidth / em,
    width(text, size) {
      let units = 0
      for (const ch of text) units += glyph(ch.codePointAt(0)!).advanceWidth
      return (units * size) / em
    },
  }
}
