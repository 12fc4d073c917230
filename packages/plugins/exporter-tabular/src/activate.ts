import type { Disposable, PluginContext } from '@veritrail/core'
import { csvExporter } from './csv.js'
import { jsonlExporter } from './jsonl.js'

/** Registers the CSV and JSON Lines exporters declared in package.json. */
export function activate(ctx: PluginContext): Disposable[] {
  return [ctx.exporters.register(csvExporter), ctx.exporters.register(jsonlExporter)]
}
