import type { Disposable, PluginContext } from '@veritrail/core'
import { evidenceExporter } from './evidence.js'

/** Registers the evidence-package exporter declared in package.json. */
export function activate(ctx: PluginContext): Disposable {
  return ctx.exporters.register(evidenceExporter)
}
