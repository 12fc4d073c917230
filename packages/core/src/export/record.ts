import type { JsonValue } from '../canonical/canonical-json.js'
import type { Core } from '../core.js'
import type { EntryDraft } from '../ledger/entry.js'
import type { ExportPlan } from './plan.js'
import { isExportCancelled } from './source.js'
import type { ExportOutcome } from './stream.js'

/**
 * Writes the export to the system trail (R-EX-07) through the core's one write path: who, the
 * filter, the format and exporter, the checkpoints it was cut from, and for a finished export
 * the SHA-256 and size of the file produced; a failed or cancelled export is recorded too.
 */
export async function recordExport(core: Pick<Core, 'recordEvent'>, plan: ExportPlan, result: { outcome: ExportOutcome } | { error: unknown }): Promise<void> {
  const { ctx, format, spec } = plan
  const details: { [key: string]: JsonValue } = {
    format: format.format,
    exporter: format.exporterId,
    plugin: `${format.pluginId}@${format.pluginVersion}`,
    filter: spec.filter as { [key: string]: JsonValue },
    locale: spec.locale,
    fileName: plan.fileName,
    mediaType: format.mediaType,
    checkpoints: Object.fromEntries(spec.checkpoints.map((c) => [c.trail, c.size])),
  }
  if ('outcome' in result) {
    Object.assign(details, { outcome: 'completed', sha256: result.outcome.sha256, bytes: result.outcome.bytes, entries: result.outcome.entries, records: result.outcome.records })
  } else {
    const error = result.error
    const message = error instanceof Error ? error.message : String(error)
    Object.assign(details, { outcome: isExportCancelled(error) ? 'cancelled' : 'failed', error: message.slice(0, 500) })
  }
  const entry: EntryDraft = {
    trail: 'system',
    actor: ctx.actor,
    action: 'export',
    correlationId: ctx.correlationId,
    client: ctx.client,
    details,
  }
  if (ctx.session) entry.session = ctx.session
  await core.recordEvent([entry])
}
