import { channelSink } from './channel.js'
import { withExportIo, type ExportSite } from './io.js'
import { loadExporter } from './load-exporter.js'
import { exportCancelled } from './source.js'
import { streamExport, type ExportOutcome, type ExportSpec } from './stream.js'

/** What the main thread sends an export worker (structured-cloneable). */
export interface ExportJobRequest extends ExportSite {
  pluginDir: string
  exporterId: string
  spec: ExportSpec
  /** The back-pressure channel (`CHANNEL_BYTES`). */
  channel: SharedArrayBuffer
}

/** What an export worker posts while it runs: a chunk of the file, or entries read so far. */
export type ExportJobMessage = { chunk: Uint8Array } | { entries: number }

/**
 * An export as a worker job (`runInWorker(EXPORT_JOB_MODULE, 'exportJob', [request])`): loads
 * the exporter, streams the file to the main thread chunk by chunk, and resolves with the file's
 * SHA-256 and counts. The main thread records the export (it holds the one writer).
 */
export async function exportJob(request: ExportJobRequest, progress: (message: ExportJobMessage) => void): Promise<ExportOutcome> {
  const exporter = await loadExporter(request.pluginDir, request.exporterId)
  const channel = channelSink(request.channel, (chunk) => progress({ chunk }))
  const controller = new AbortController()
  const watch = setInterval(() => channel.cancelled() && controller.abort(exportCancelled()), 50)
  let reported = 0
  try {
    return await withExportIo(
      request,
      {
        signal: controller.signal,
        async sink(chunk) {
          if (channel.cancelled()) throw exportCancelled()
          await channel.sink(chunk)
        },
        onProgress(entries) {
          if (entries - reported < 1000) return
          reported = entries
          progress({ entries })
        },
      },
      (io) => streamExport(exporter, request.spec, io),
    )
  } finally {
    clearInterval(watch)
  }
}

/** Where `exportJob` lives, for `runInWorker`. */
export const EXPORT_JOB_MODULE = new URL(import.meta.url)
