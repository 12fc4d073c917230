import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  createArchive,
  importArchive,
  listArchives,
  readIdentity,
  verifyArchive,
} from '@veritrail/core'
import { CliError } from '../cli-error.js'
import { dataDir } from '../data-dir.js'
import type { Command } from './command.js'
import { systemActorContext, withBackups } from './backup-site.js'

export const archiveCreate: Command = {
  name: 'archive create',
  summary:
    'Write a record (with --links, and the records it links to) as an age-encrypted archive package',
  usage: 'archive create TYPE ID --out FILE.tar.age [--links] [--data DIR]',
  options: { data: { type: 'string' }, out: { type: 'string' }, links: { type: 'boolean' } },
  async run({ values, positionals, out }) {
    const [type, id] = positionals
    if (!type || !id || !values.out)
      throw new CliError('Usage: veritrail archive create TYPE ID --out FILE.tar.age [--links]')
    return withBackups(values.data as string | undefined, async (engine, core, registry) => {
      const pkg = await createArchive({
        core,
        record: { type, id },
        links: values.links === true,
        registry,
        recipients: engine.site.keys.recipients,
        ctx: systemActorContext(core),
      })
      writeFileSync(values.out as string, pkg.bytes, { flag: 'wx', mode: 0o600 })
      out(
        `Archive ${pkg.archiveId}: ${pkg.records.length} record(s), ${pkg.entries} entries proven at data-trail size ${pkg.checkpoint.size}`,
      )
      out(`  ${values.out} (${pkg.bytes.length} bytes, SHA-256 ${pkg.sha256})`)
      return 0
    })
  },
}

export const archiveVerify: Command = {
  name: 'archive verify',
  summary: 'Check an archive package by its own proofs (no database needed)',
  usage: 'archive verify FILE.tar.age [--identity FILE] [--data DIR]',
  options: { data: { type: 'string' }, identity: { type: 'string' } },
  async run({ values, positionals, out }) {
    const file = positionals[0]
    if (!file) throw new CliError('Usage: veritrail archive verify FILE.tar.age')
    const identity = readIdentity(
      (values.identity as string | undefined) ??
        join(dataDir(values.data as string | undefined), 'keys', 'backup.agekey'),
    )
    const r = await verifyArchive(readFileSync(file), [identity])
    out(
      `Archive ${r.archiveId ?? '?'}: ${r.records.map((x) => `${x.type} ${x.id}`).join(', ')}; ${r.versions} versions, ${r.entries} entries`,
    )
    if (r.checkpoint)
      out(
        `  proven against ${r.checkpoint.origin} at size ${r.checkpoint.size}, root ${r.checkpoint.rootHash}`,
      )
    for (const p of r.problems) out(`  PROBLEM: ${p}`)
    out(r.ok ? 'Result: INTACT' : 'Result: DAMAGED')
    return r.ok ? 0 : 1
  },
}

export const archiveImport: Command = {
  name: 'archive import',
  summary: 'Import a verified archive package as a read-only archive (never into the trails)',
  usage: 'archive import FILE.tar.age [--identity FILE] [--data DIR]',
  options: { data: { type: 'string' }, identity: { type: 'string' } },
  async run({ values, positionals, out }) {
    const file = positionals[0]
    if (!file) throw new CliError('Usage: veritrail archive import FILE.tar.age')
    return withBackups(values.data as string | undefined, async (engine, core) => {
      const identities = [
        engine.site.keys.identity,
        ...(values.identity ? [readIdentity(values.identity as string)] : []),
      ]
      const r = await importArchive(core, readFileSync(file), identities, systemActorContext(core))
      out(
        `Imported archive ${r.archiveId} into ${r.dir}: ${r.records.length} record(s), ${r.entries} entries (read-only)`,
      )
      for (const a of listArchives(core.dataDir))
        out(
          `  ${a.archiveId}  ${a.createdAt}  ${a.origin}  ${a.records.map((x) => `${x.type} ${x.id}`).join(', ')}`,
        )
      return 0
    })
  },
}
