import { once } from 'node:events'
import { createWriteStream, renameSync, rmSync } from 'node:fs'
import { hostname, userInfo } from 'node:os'
import { join, resolve } from 'node:path'
import { exportInProcess, openPlatform, planExport, recordedTimeZone, SYSTEM_ACTOR, type ActionContext } from '@veritrail/core'
import { CliError } from '../cli-error.js'
import { dataDir, dbUrl } from '../data-dir.js'
import { progressLine } from '../progress.js'
import type { Command } from './command.js'

/** Filter options and the audit query field each sets (CONTRACT §5). */
const FILTER_OPTIONS = { trail: 'trail', q: 'q', actor: 'actor', action: 'action', 'record-type': 'recordType', 'record-id': 'recordId', from: 'from', to: 'to' } as const

export const exportCommand: Command = {
  name: 'export',
  summary: 'Export a scope of the trails as PDF, CSV, JSON Lines or an evidence package, on the data directory',
  usage: 'export --format pdf|csv|jsonl|evidence --out FILE [--trail T] [--record-type T --record-id ID] [--from T] [--to T] [--q TEXT] [--actor U] [--action A] [--locale en|zh-CN] [--data DIR]',
  options: {
    format: { type: 'string' },
    out: { type: 'string' },
    locale: { type: 'string' },
    data: { type: 'string' },
    ...Object.fromEntries(Object.keys(FILTER_OPTIONS).map((name) => [name, { type: 'string' as const }])),
  },
  async run({ values, out, err }) {
    const format = values.format as string | undefined
    const file = values.out as string | undefined
    if (!format || !file) throw new CliError('Give --format (pdf, csv, jsonl or evidence) and --out FILE.')
    const locale = (values.locale as string | undefined) ?? 'en'
    if (locale !== 'en' && locale !== 'zh-CN') throw new CliError('--locale is en or zh-CN.')
    const filter = Object.fromEntries(Object.entries(FILTER_OPTIONS).flatMap(([option, field]) => (values[option] === undefined ? [] : [[field, values[option]]])))
    const dir = dataDir(values.data as string | undefined)
    const url = dbUrl(values.data as string | undefined) ?? `file:${join(dir, 'veritrail.db')}`
    // The server may be running on the same data directory: open the core in the zone it runs in.
    const timeZone = process.env.VERITRAIL_TZ || (await recordedTimeZone({ dataDir: dir, dbUrl: url }))
    const platform = await openPlatform({ dataDir: dir, dbUrl: url, program: 'veritrail export', ...(timeZone ? { timeZone } : {}) })
    const target = resolve(file)
    const partial = `${target}.partial`
    try {
      const { core } = platform
      const plan = await planExport(core, platform.plugins, { format, filter, locale }, cliContext(core.systemContext()))
      const exporter = (await platform.plugins.exporters()).find((e) => e.value.id === plan.format.exporterId)!.value
      const progress = progressLine(err, 'exported', 'entries', plan.expectedEntries)
      const stream = createWriteStream(partial, { flags: 'wx', highWaterMark: 1 << 20 })
      let outcome
      try {
        outcome = await exportInProcess(core, exporter, plan, {
          sink: async (chunk) => {
            if (!stream.write(chunk)) await once(stream, 'drain')
          },
          onProgress: (n) => progress.update(n),
        })
      } finally {
        progress.done()
        stream.end()
        await once(stream, 'close')
      }
      renameSync(partial, target)
      out(`Exported ${outcome.entries.toLocaleString('en')} entries${outcome.records ? ` and ${outcome.records.toLocaleString('en')} record versions` : ''} as ${plan.format.format} to ${target} (${outcome.bytes.toLocaleString('en')} bytes).`)
      out(`SHA-256 ${outcome.sha256}`)
      out(`Cut from the signed checkpoints ${plan.spec.checkpoints.map((c) => `${c.trail} ${c.size}`).join(', ')}; recorded in the system trail.`)
      return 0
    } catch (error) {
      rmSync(partial, { force: true })
      throw error
    } finally {
      await platform.close()
    }
  },
}

/**
 * Who exports from the command line: the installation's system account, acting for the operating
 * system user named in the entry (whoever can read the data directory can read the database).
 */
function cliContext(base: ActionContext): ActionContext {
  let user = 'unknown'
  try {
    user = userInfo().username
  } catch {
    user = process.env.USER ?? 'unknown'
  }
  return { ...base, actor: SYSTEM_ACTOR, client: { ip: '', userAgent: `veritrail export (operating-system user ${user} on ${hostname()})` } }
}
