import { LOCALES } from '../i18n.js'
import type { ExportContext, ExportItem, Exporter } from '../exporter.js'
import { check, conformanceFailure } from './conformance-failure.js'
import { sampleItems } from './sample-items.js'

/** Options of `exporterConformance`. */
export interface ExporterConformanceOptions {
  /**
   * Whether the same items and context must give the same bytes (default true). Turn it off only
   * for a format that embeds something the context does not fix (a random document id).
   */
  deterministic?: boolean
  /** How many sample items to export (default 60). */
  items?: number
}

/** What `exporterConformance` measured, for a plugin's own assertions on the content. */
export interface ExporterConformanceReport {
  /** The output of exporting the sample items. */
  output: Uint8Array
  items: ExportItem[]
}

const ID = /^[a-z][a-z0-9-]*(\.[A-Za-z0-9_-]+)+$/
const MEDIA_TYPE = /^[a-z]+\/[a-z0-9.+-]+$/
const EXTENSION = /^[a-z0-9]+(\.[a-z0-9]+)*$/

/**
 * Exercises an exporter against the contract with real data and throws a `plugin_error`
 * naming the first check that fails: its declared shape; a full export of realistic entries and
 * record versions (all of them consumed, output written, progress monotonic and ending at the
 * total, never writing again before the previous `write` settled); an empty source; the same
 * bytes for the same input; and that a failing source (a cancelled export) makes `export` reject
 * instead of finishing a truncated file.
 *
 * @example
 * it('conforms', async () => {
 *   const { output } = await exporterConformance(csvExporter)
 *   expect(new TextDecoder().decode(output)).toContain('灭菌时间')
 * })
 */
export async function exporterConformance(
  exporter: Exporter,
  options: ExporterConformanceOptions = {},
): Promise<ExporterConformanceReport> {
  const subject = `Exporter ${JSON.stringify(exporter?.id)}`
  checkShape(subject, exporter)
  const items = sampleItems(options.items ?? 60)
  let output: Uint8Array = new Uint8Array()
  await check(subject, 'full export', async () => {
    output = await runExport(subject, exporter, items)
    if (output.length === 0) throw conformanceFailure(subject, 'full export', 'it wrote nothing.')
  })
  await check(subject, 'empty source', async () => {
    await runExport(subject, exporter, [])
  })
  if (options.deterministic ?? true) {
    await check(subject, 'deterministic', async () => {
      const again = await runExport(subject, exporter, items)
      if (Buffer.compare(again, output) !== 0) {
        throw conformanceFailure(subject, 'deterministic', 'the same items gave different bytes.')
      }
    })
  }
  await checkSourceFailure(subject, exporter, items)
  return { output, items }
}

function checkShape(subject: string, exporter: Exporter): void {
  const fail = (problem: string) => conformanceFailure(subject, 'shape', problem)
  if (typeof exporter !== 'object' || exporter === null) throw fail('it is not an object.')
  if (!ID.test(exporter.id ?? '')) throw fail('its id must read <pack>.<name>, e.g. acme.csv.')
  if (!MEDIA_TYPE.test(exporter.mediaType ?? ''))
    throw fail('its mediaType must read type/subtype.')
  if (!EXTENSION.test(exporter.fileExtension ?? '')) {
    throw fail('its fileExtension must be lowercase letters and digits without a leading dot.')
  }
  for (const locale of LOCALES) {
    if (typeof exporter.label?.[locale] !== 'string' || exporter.label[locale] === '') {
      throw fail(`its label has no ${locale} text.`)
    }
  }
  if (typeof exporter.export !== 'function') throw fail('it has no export function.')
}

/** Exports `items`, checking consumption, progress and back-pressure; resolves with the bytes. */
async function runExport(
  subject: string,
  exporter: Exporter,
  items: ExportItem[],
): Promise<Uint8Array> {
  const chunks: Buffer[] = []
  const progress: number[] = []
  let pulled = 0
  let writing = false
  const ctx: ExportContext = {
    locale: 'zh-CN',
    meta: {
      generatedAt: '2025-01-02T09:00:00.000Z',
      installId: 'vt-conformance',
      timeZone: 'Asia/Shanghai',
    },
    signal: new AbortController().signal,
    progress(n) {
      if (!Number.isInteger(n) || n < (progress.at(-1) ?? 0) || n > pulled) {
        throw conformanceFailure(
          subject,
          'progress',
          `progress(${n}) after ${pulled} items read and ${progress.at(-1) ?? 0} reported.`,
        )
      }
      progress.push(n)
    },
    async write(chunk) {
      if (writing)
        throw conformanceFailure(
          subject,
          'back-pressure',
          'it wrote again before the previous write settled.',
        )
      if (typeof chunk !== 'string' && !(chunk instanceof Uint8Array)) {
        throw conformanceFailure(subject, 'write', 'chunks must be strings or Uint8Arrays.')
      }
      writing = true
      await new Promise((resolve) => setImmediate(resolve))
      chunks.push(Buffer.from(chunk))
      writing = false
    },
  }
  async function* source() {
    for (const item of items) {
      pulled++
      yield structuredClone(item)
    }
  }
  await exporter.export(source(), ctx)
  if (pulled !== items.length) {
    throw conformanceFailure(subject, 'full export', `it read ${pulled} of ${items.length} items.`)
  }
  if (items.length > 0 && progress.at(-1) !== items.length) {
    throw conformanceFailure(
      subject,
      'progress',
      `the last progress was ${progress.at(-1)}, not the total ${items.length}.`,
    )
  }
  return new Uint8Array(Buffer.concat(chunks))
}

async function checkSourceFailure(
  subject: string,
  exporter: Exporter,
  items: ExportItem[],
): Promise<void> {
  const controller = new AbortController()
  const cancelled = new Error('conformance: export cancelled')
  async function* source() {
    for (const [i, item] of items.entries()) {
      if (i === Math.floor(items.length / 2)) {
        controller.abort(cancelled)
        throw cancelled
      }
      yield item
    }
  }
  let settled: 'resolved' | 'rejected'
  try {
    await exporter.export(source(), {
      locale: 'en',
      meta: {
        generatedAt: '2025-01-02T09:00:00.000Z',
        installId: 'vt-conformance',
        timeZone: 'UTC',
      },
      signal: controller.signal,
      progress: () => undefined,
      write: async () => undefined,
    })
    settled = 'resolved'
  } catch {
    settled = 'rejected'
  }
  if (settled === 'resolved') {
    throw conformanceFailure(
      subject,
      'failing source',
      'the source failed half-way but export resolved as if the file were complete.',
    )
  }
}
