import type { Core } from '../core.js'
import { VeritrailError } from '../errors.js'
import type { Exporter } from '../extension/exporter.js'
import { runInWorker } from '../worker/run-in-worker.js'
import { CHANNEL_BYTES, ChunkStream } from './channel.js'
import { withExportIo } from './io.js'
import { EXPORT_JOB_MODULE, type ExportJobMessage, type ExportJobRequest } from './job.js'
import type { ExportPlan } from './plan.js'
import { recordExport } from './record.js'
import { streamExport, type ExportIo, type ExportOutcome } from './stream.js'

/** Exports running in workers at once; more wait for none and get `busy`. */
const MAX_RUNNING = 2
let running = 0

/**
 * Runs a planned export in a worker thread (ARCHITECTURE §5: the event loop stays free) and
 * returns the file as a stream that flows while it is produced, with back-pressure. Waits for
 * the first bytes, so a failure at the start is thrown here (and answered as a problem
 * document); a later failure errors the stream. The export is recorded in the system trail
 * before the stream ends, so whoever holds the whole file can find its entry.
 *
 * @throws VeritrailError `busy` when two exports are already running.
 */
/** The old-generation heap of an export worker. */
const EXPORT_HEAP_MB = 96

export async function exportInWorker(core: Core, plan: ExportPlan): Promise<ReadableStream<Uint8Array>> {
  if (running >= MAX_RUNNING) throw new VeritrailError('busy', `${MAX_RUNNING} exports are running; try again when one has finished.`)
  running++
  const channel = new SharedArrayBuffer(CHANNEL_BYTES)
  const chunks = new ChunkStream(channel)
  const request: ExportJobRequest = {
    dataDir: core.dataDir,
    dbUrl: core.store.url,
    installId: core.installId,
    pluginDir: plan.pluginDir,
    exporterId: plan.format.exporterId,
    spec: plan.spec,
    channel,
  }
  const job = runInWorker<ExportOutcome>(EXPORT_JOB_MODULE, 'exportJob', [request], {
    // Exports stream page by page and need little heap; uncapped, V8 lets garbage pile up to
    // hundreds of MB first (bench/export.ts: > 200 MB default, under 200 MB with a 64 MB cap).
    resourceLimits: { maxOldGenerationSizeMb: EXPORT_HEAP_MB },
    onProgress: (message) => {
      const m = message as ExportJobMessage
      if ('chunk' in m) chunks.push(m.chunk)
    },
  })
  void job
    .then(
      async (outcome) => {
        await recordExport(core, plan, { outcome })
        chunks.finish()
      },
      async (error: unknown) => {
        await recordExport(core, plan, { error }).catch(() => undefined)
        chunks.fail(error)
      },
    )
    .catch((error: unknown) => chunks.fail(error))
    .finally(() => running--)
  await chunks.started()
  return chunks.stream
}

/**
 * Runs a planned export in this thread (the CLI: a process of its own), writing to `sink`, and
 * records it in the system trail, finished or not.
 */
export async function exportInProcess(
  core: Core,
  exporter: Exporter,
  plan: ExportPlan,
  io: Pick<ExportIo, 'sink' | 'onProgress'> & { signal?: AbortSignal },
): Promise<ExportOutcome> {
  try {
    const outcome = await withExportIo(
      { dataDir: core.dataDir, dbUrl: core.store.url, installId: core.installId },
      { ...io, signal: io.signal ?? new AbortController().signal },
      (full) => streamExport(exporter, plan.spec, full),
    )
    await recordExport(core, plan, { outcome })
    return outcome
  } catch (error) {
    await recordExport(core, plan, { error }).catch(() => undefined)
    throw error
  }
}
