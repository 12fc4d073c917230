import PDFDocument from 'pdfkit'
import {
  defineExporter,
  describeEntry,
  exportFacts,
  timeView,
  type ExportContext,
  type ExportFacts,
  type ExportItem,
  type ExportMeta,
  type Locale,
} from '@veritrail/core'
import { coverBlock, entryBlock, recordBlock } from './blocks.js'
import { fastLayout, reportFont, type EmbeddedFont } from './font.js'
import { ReportLayout } from './report.js'
import { WORDS } from './words.js'

/** Bytes of PDF gathered before they are handed on. */
const FLUSH_AT = 64 * 1024

/**
 * The audit-trail report as PDF (R-EX-02, R-EX-05, R-EX-06, R-ES-02, R-TS-02): labels instead of
 * codes, who (printed name and role), when (local time with its zone, and UTC), what (record type,
 * id, version, field label, old → new), why, signatures with their meaning; on every page who
 * printed it and when, the installation, and page x of y; on the first, the scope and the
 * signed checkpoints it was cut from. A record-scoped report starts with the record itself (its
 * content, versions, the “modified after original entry” flag, its signatures). English or
 * Simplified Chinese; pages stream out as they are laid out.
 */
export const pdfExporter = defineExporter({
  id: 'exporter-pdf.pdf',
  mediaType: 'application/pdf',
  fileExtension: 'pdf',
  label: { en: 'PDF report (human-readable)', 'zh-CN': 'PDF 报告（可读格式）' },
  export: exportPdf,
})

async function exportPdf(source: AsyncIterable<ExportItem>, ctx: ExportContext): Promise<void> {
  const { locale, meta } = ctx
  const facts = exportFacts(ctx)
  const font = reportFont()
  const doc = new PDFDocument({
    autoFirstPage: false,
    fontLayoutCache: false,
    compress: true,
    info: {
      Title: `${WORDS.title[locale]} · ${meta.installId}`,
      Author: meta.requestedBy ?? meta.installId,
      Creator: 'Veritrail',
      Producer: 'Veritrail exporter-pdf',
      CreationDate: new Date(meta.generatedAt),
    },
  })
  const pending: Buffer[] = []
  let pendingSize = 0
  doc.on('data', (chunk: Buffer) => {
    pending.push(chunk)
    pendingSize += chunk.byteLength
  })
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve)
    doc.on('error', reject)
  })
  const flush = async (force = false) => {
    if (pendingSize === 0 || (!force && pendingSize < FLUSH_AT)) return
    const chunk = Buffer.concat(pending.splice(0), pendingSize)
    pendingSize = 0
    await ctx.write(chunk)
  }
  doc.registerFont('report', font.path, font.family ?? '')
  doc.font('report')
  // pdfkit's typings do not show the embedded font object it keeps for the current font.
  const embedded = (doc as unknown as { _font: EmbeddedFont })._font
  const layout = new ReportLayout(doc as ConstructorParameters<typeof ReportLayout>[0], embedded, fastLayout(embedded), frame(meta, facts, locale))

  const filter = (meta.filter ?? {}) as { recordType?: string; recordId?: string }
  const recordScope = filter.recordType !== undefined && filter.recordId !== undefined
  layout.block(coverBlock(meta, facts, locale, recordScope), 10)
  if (recordScope && facts) {
    const versions = await facts.recordVersions(filter.recordType!, filter.recordId!)
    const current = versions.at(-1)
    const type = current ? facts.recordType(current.type, current.typeVersion) : undefined
    layout.block(recordBlock(versions, await facts.signaturesOf(filter.recordType!, filter.recordId!), type, locale, meta.timeZone), 10)
  }
  layout.block([{ text: WORDS.auditTrail[locale], size: 11, color: '#0b3d91' }], 4)
  let items = 0
  let entries = 0
  for await (const item of source) {
    items++
    if (item.kind === 'entry') {
      entries++
      const view = describeEntry(item.entry, locale, facts?.recordType)
      layout.block(entryBlock(view, item.entry.client.ip, locale))
      layout.rule()
      await flush()
    }
    if (items % 64 === 0) ctx.progress(items)
  }
  if (entries === 0) layout.block([{ text: WORDS.noEntries[locale] }])
  else layout.block([{ text: `${WORDS.auditTrail[locale]}: ${entries} ${WORDS.entries[locale]}`, color: '#555555' }])
  layout.finish()
  doc.end()
  await ended
  await flush(true)
  ctx.progress(items)
}

/** Header and footer of every page (R-EX-05: who printed, when, page x of y). */
function frame(meta: ExportMeta, facts: ExportFacts | undefined, locale: Locale) {
  const t = timeView(meta.generatedAt, meta.timeZone)
  const checkpoints = facts?.checkpoints.map((c) => `${WORDS.trail[c.trail][locale]} ${c.size}`).join(', ')
  return {
    header: `${WORDS.title[locale]} · ${meta.installId} · ${WORDS.printed[locale]} ${t.local} (${t.zone}, UTC${t.offset}) · ${WORDS.printedBy[locale]} ${meta.requestedBy ?? '—'}`,
    footer: checkpoints ? `Veritrail · ${meta.installId} · ${WORDS.cutFrom[locale]}: ${checkpoints}` : `Veritrail · ${meta.installId}`,
    pageOf: (page: number) => `${WORDS.page[locale]} ${page} ${WORDS.of[locale]}`,
    total: (pages: number) => `${pages}${WORDS.pageEnd[locale] ? ` ${WORDS.pageEnd[locale]}` : ''}`,
  }
}
