import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { VeritrailError } from '../errors.js'
import { isExporter, type Exporter } from '../extension/exporter.js'
import { resolveEntry } from '../extension/host/entry-point.js'
import type { PluginContext, PluginModule } from '../extension/host/plugin-context.js'
import { parseManifest } from '../extension/manifest.js'

/**
 * Loads one exporter of a first-party plugin inside an export worker: imports the plugin's entry
 * and runs its `activate` with a context that keeps only exporter registrations (the plugin host
 * lives in the server's thread; `activate` is side-effect free, docs/plugins.md).
 *
 * @throws VeritrailError `plugin_error` when the plugin does not register the exporter.
 */
export async function loadExporter(pluginDir: string, exporterId: string): Promise<Exporter> {
  const read = parseManifest(JSON.parse(readFileSync(join(pluginDir, 'package.json'), 'utf8')))
  if (!read.success) throw new VeritrailError('plugin_error', `The plugin in ${pluginDir} has an invalid manifest: ${read.problems[0]}`)
  const entry = resolveEntry(pluginDir, read.manifest, { sources: import.meta.url.endsWith('.ts'), javascriptOnly: false })
  const module = (await import(pathToFileURL(entry).href)) as PluginModule
  const found: Exporter[] = []
  const none = { dispose: () => undefined }
  const ctx: PluginContext = {
    pluginId: read.manifest.name,
    version: read.manifest.version,
    subscriptions: [],
    recordTypes: { register: () => none },
    exceptionRules: { register: () => none },
    backupTargets: { register: () => none },
    exporters: {
      register: (exporter) => {
        found.push(exporter)
        return none
      },
    },
  }
  await module.activate(ctx)
  const exporter = found.find((e) => isExporter(e) && e.id === exporterId)
  if (!exporter) throw new VeritrailError('plugin_error', `The plugin ${read.manifest.name} did not register the exporter ${exporterId}.`)
  return exporter
}
