import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Core } from '../core.js'
import { VeritrailError } from '../errors.js'
import type { Exporter } from '../extension/exporter.js'
import type { Locale, LocalizedText } from '../extension/i18n.js'
import type { PluginHost } from '../extension/host/plugin-host-api.js'
import type { ActionContext } from '../ledger/context.js'
import { TRAILS } from '../ledger/entry.js'
import { actorText } from '../review/rules/text.js'
import type { ExportCheckpoint } from './facts.js'
import { filterForRole, isRecordScope, parseExportFilter } from './filter.js'
import type { ExportSpec } from './stream.js'

/** An export format as `GET /api/v1/export-formats` lists it. */
export interface ExportFormat {
  /** What `POST /api/v1/exports` takes as `format`: the exporter id's last part (`csv`). */
  format: string
  exporterId: string
  label: LocalizedText
  mediaType: string
  fileExtension: string
  pluginId: string
  pluginVersion: string
  /** JSON Schemas the plugin publishes for its formats (file names below its `schema/`). */
  schemas: string[]
}

/** An export decided and ready to run: who, what, which exporter, cut from which checkpoints. */
export interface ExportPlan {
  format: ExportFormat
  pluginDir: string
  spec: ExportSpec
  fileName: string
  /** The person's action context (the system-trail entry names them). */
  ctx: ActionContext
  /** How many entries the export will hold, when known without counting (a whole trail or both). */
  expectedEntries?: number
}

/** The request of CONTRACT §7, as it arrives. */
export interface ExportRequest {
  format: string
  filter?: unknown
  locale?: Locale
}

/** Formats of the enabled first-party exporters (the only ones that run, docs/plugins.md). */
export async function exportFormats(plugins: PluginHost): Promise<ExportFormat[]> {
  const infos = new Map(plugins.list().map((p) => [p.id, p]))
  return (await plugins.exporters())
    .filter(({ pluginId }) => infos.get(pluginId)?.origin === 'first-party')
    .map(({ value, pluginId }) => formatOf(value, pluginId, infos.get(pluginId)!.version, schemaFiles(infos.get(pluginId)!.dir)))
}

const SCHEMA_FILE = /^[a-z0-9][a-z0-9.-]*\.schema\.json$/

function schemaFiles(pluginDir: string): string[] {
  const dir = join(pluginDir, 'schema')
  return existsSync(dir) ? readdirSync(dir).filter((f) => SCHEMA_FILE.test(f)).sort() : []
}

/**
 * A JSON Schema an exporter plugin publishes (R-EX-08), e.g. `entry.v1.schema.json`.
 *
 * @throws VeritrailError `not_found` when no enabled first-party exporter plugin publishes it.
 */
export async function exportSchema(plugins: PluginHost, name: string): Promise<string> {
  for (const format of await exportFormats(plugins)) {
    if (!SCHEMA_FILE.test(name) || !format.schemas.includes(name)) continue
    return readFileSync(join(plugins.list().find((p) => p.id === format.pluginId)!.dir, 'schema', name), 'utf8')
  }
  throw new VeritrailError('not_found', `No export format publishes the schema “${name}”.`)
}

function formatOf(exporter: Exporter, pluginId: string, pluginVersion: string, schemas: string[]): ExportFormat {
  return {
    format: exporter.id.slice(exporter.id.lastIndexOf('.') + 1),
    exporterId: exporter.id,
    label: exporter.label,
    mediaType: exporter.mediaType,
    fileExtension: exporter.fileExtension,
    pluginId,
    pluginVersion,
    schemas,
  }
}

/**
 * Decides an export: the exporter for `format`, the filter the acting role may export
 * (CONTRACT §5: sysadmin the system trail only), and the signed checkpoints it is cut from
 * (stored first, so the package's checkpoint is one the installation keeps too).
 *
 * @throws VeritrailError `validation_failed` (filter or format), `forbidden`.
 */
export async function planExport(core: Core, plugins: PluginHost, request: ExportRequest, ctx: ActionContext): Promise<ExportPlan> {
  const filter = filterForRole(parseExportFilter(request.filter), ctx.actor.role)
  const locale = request.locale ?? 'en'
  const formats = await exportFormats(plugins)
  const format = formats.find((f) => f.format === request.format || f.exporterId === request.format)
  if (!format) {
    const known = formats.map((f) => f.format).join(', ')
    throw new VeritrailError('validation_failed', `There is no export format “${request.format}”; the formats are ${known}.`, { errors: [{ path: 'format', message: `One of ${known}.` }] })
  }
  const plugin = plugins.list().find((p) => p.id === format.pluginId)!
  await core.ledger.persistCheckpoints()
  const checkpoints: ExportCheckpoint[] = []
  for (const trail of TRAILS) {
    const head = await core.store.read.latestCheckpoint(trail)
    checkpoints.push(
      head
        ? { trail, origin: head.origin, size: head.size, rootHash: Buffer.from(head.rootHash).toString('base64'), note: head.note }
        : { trail, origin: core.ledger.origin(trail), size: 0, rootHash: '', note: '' },
    )
  }
  const generatedAt = new Date().toISOString()
  const wholeTrails = Object.keys(filter).every((key) => key === 'trail')
  const expected = checkpoints.filter((c) => !filter.trail || c.trail === filter.trail).reduce((n, c) => n + c.size, 0)
  return {
    ...(wholeTrails ? { expectedEntries: expected } : {}),
    format,
    pluginDir: plugin.dir,
    ctx,
    fileName: fileName(core.installId, format, filter, generatedAt),
    spec: {
      filter,
      locale,
      checkpoints,
      verifierKey: core.verifierKey,
      meta: {
        generatedAt,
        installId: core.installId,
        timeZone: core.timeZone,
        filter,
        requestedBy: actorText(ctx.actor, locale),
      },
    },
  }
}

/** `veritrail-vt-1a2b3c-meddev.batch-0199…-20261120T080000Z.pdf`: ASCII, safe in any header. */
function fileName(installId: string, format: ExportFormat, filter: ReturnType<typeof parseExportFilter>, at: string): string {
  const scope = isRecordScope(filter) ? `${filter.recordType}-${filter.recordId}` : (filter.trail ?? 'trails')
  const stamp = at.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')
  return `veritrail-${installId}-${scope}-${stamp}.${format.fileExtension}`.replace(/[^A-Za-z0-9._-]/g, '_')
}
