import type PDFDocument from 'pdfkit'
import type { EmbeddedFont, Measure } from './font.js'
import { wrap } from './wrap.js'

/** One paragraph of the report: wrapped to the page, in one size and colour. */
export interface Paragraph {
  text: string
  size?: number
  color?: string
  /** Left indent in points. */
  indent?: number
}

const PAGE = { width: 595.28, height: 841.89 }
const MARGIN = { left: 42, right: 42, top: 46, bottom: 46 }
const BODY = 8.5
const LEADING = 1.32

/** pdfkit's document with the few internals the page total needs (not in its typings). */
type Doc = InstanceType<typeof PDFDocument> & {
  page: { xobjects: Record<string, unknown>; height: number }
  addContent(content: string): void
}

/**
 * Lays paragraphs out on A4 pages, top to bottom, keeping each block on one page when it fits,
 * with a header and a footer on every page. The footer reads “Page x of y”: y is unknown while
 * pages stream out, so every page paints one form XObject whose content, the total, is written
 * once the last page is done (PDF objects may refer forward), and text extraction reads
 * “Page 3 of 12” in place.
 */
export class ReportLayout {
  #y = 0
  #pages = 0
  readonly #total: ReturnType<Doc['ref']>

  constructor(
    private readonly doc: Doc,
    private readonly font: EmbeddedFont,
    private readonly measure: Measure,
    private readonly frame: { header: string; footer: string; pageOf: (page: number) => string; total: (pages: number) => string },
  ) {
    this.#total = doc.ref({ Type: 'XObject', Subtype: 'Form', BBox: [0, -4, 200, 10], Resources: { Font: { [font.id]: font.ref() } } })
  }

  get pages(): number {
    return this.#pages
  }

  /** Adds a block; starts a new page first when the block does not fit on the rest of this one. */
  block(paragraphs: Paragraph[], gapAfter = 6): void {
    const lines = paragraphs.flatMap((p) => {
      const size = p.size ?? BODY
      const indent = p.indent ?? 0
      return wrap(p.text, PAGE.width - MARGIN.left - MARGIN.right - indent, size, this.measure).map((text) => ({ text, size, indent, color: p.color ?? '#000000' }))
    })
    const height = lines.reduce((h, l) => h + l.size * LEADING, 0)
    const bottom = PAGE.height - MARGIN.bottom
    if (this.#pages === 0 || (this.#y + height > bottom && this.#y > MARGIN.top)) this.#newPage()
    for (const line of lines) {
      const step = line.size * LEADING
      if (this.#y + step > bottom) this.#newPage()
      this.doc.fontSize(line.size).fillColor(line.color).text(line.text, MARGIN.left + line.indent, this.#y, { lineBreak: false })
      this.#y += step
    }
    this.#y += gapAfter
  }

  /** A thin rule across the page, between entries. */
  rule(): void {
    if (this.#pages === 0) return
    const y = this.#y - 3
    this.doc.save().moveTo(MARGIN.left, y).lineTo(PAGE.width - MARGIN.right, y).lineWidth(0.3).strokeColor('#bbbbbb').stroke().restore()
  }

  /** Writes the page total into the form every footer shows; call once, after the last page. */
  finish(): void {
    if (this.#pages === 0) this.#newPage()
    const [glyphs] = this.font.encode(this.frame.total(this.#pages))
    this.#total.end(`BT /${this.font.id} 7 Tf 0 0 Td <${glyphs.join('')}> Tj ET`)
  }

  #newPage(): void {
    this.doc.addPage({ size: 'A4', margin: 0 })
    this.#pages++
    const small = 7
    this.doc.fontSize(small).fillColor('#555555')
    this.doc.text(this.frame.header, MARGIN.left, 22, { lineBreak: false })
    const footerY = PAGE.height - 28
    const label = `${this.frame.footer}   ${this.frame.pageOf(this.#pages)}`
    this.doc.text(label, MARGIN.left, footerY, { lineBreak: false })
    // Paint the total right after the label, on its baseline (pdfkit's y axis points down).
    const x = MARGIN.left + this.measure.width(label, small) + this.measure.width(' ', small)
    const baseline = PAGE.height - footerY - (this.font.ascender / 1000) * small
    this.doc.page.xobjects.VtPageTotal = this.#total
    this.doc.save()
    this.doc.transform(1, 0, 0, -1, 0, PAGE.height)
    this.doc.transform(1, 0, 0, 1, x, baseline)
    this.doc.addContent('/VtPageTotal Do')
    this.doc.restore()
    this.#y = MARGIN.top
  }
}
