// The public entry of @veritrail/plugin-exporter-pdf: the PDF audit-trail report.

export { activate } from './activate.js'
export { pdfExporter } from './pdf.js'
export { reportFont, FONT_CANDIDATES } from './font.js'
export { wrap } from './wrap.js'
