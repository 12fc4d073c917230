import { defineExporter, describeEntry, exportFacts } from '@veritrail/core'
import { COLUMNS } from './csv-columns.js'
import { BOM, csvField, csvRecord } from './csv-format.js'

/**
 * CSV (RFC 4180, UTF-8 with a byte order mark so spreadsheets open it): one row per entry, every
 * member of the entry represented, labels in the export's locale (see `COLUMNS`). Record versions
 * in the stream are not rows (the evidence package holds them).
 */
export const csvExporter = defineExporter({
  id: 'exporter-tabular.csv',
  mediaType: 'text/csv',
  fileExtension: 'csv',
  label: { en: 'CSV (spreadsheet, one row per entry)', 'zh-CN': 'CSV（电子表格，每条目一行）' },
  async export(source, ctx) {
    const lookup = exportFacts(ctx)?.recordType
    const locale = ctx.locale
    let out = BOM + csvRecord(COLUMNS.map((c) => c.heading[locale]))
    let items = 0
    for await (const item of source) {
      items++
      if (item.kind === 'entry') {
        const view = describeEntry(item.entry, locale, lookup)
        for (let i = 0; i < COLUMNS.length; i++) {
          const column = COLUMNS[i]!
          const cell = column.cell(view, item, locale)
          out += (i > 0 ? ',' : '') + (column.plain ? cell : csvField(cell))
        }
        out += '\r\n'
        if (out.length >= 32_768) {
          await ctx.write(out)
          out = ''
        }
      }
      if (items % 256 === 0) ctx.progress(items)
    }
    await ctx.write(out)
    ctx.progress(items)
  },
})
