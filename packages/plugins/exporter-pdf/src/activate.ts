import type { Disposable, PluginContext } from '@veritrail/core'
import { pdfExporter } from './pdf.js'

/** Registers the PDF exporter declared in package.json. */
export function activate(ctx: PluginContext): Disposable {
  return ctx.exporters.register(pdfExporter)
}
