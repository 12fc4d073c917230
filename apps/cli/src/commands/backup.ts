import { CliError } from '../cli-error.js'
import type { Command } from './command.js'
import { size, systemActorContext, withBackups } from './backup-site.js'

export const backupRun: Command = {
  name: 'backup run',
  summary: 'Make a backup set: a full base or the WAL segments since the last set of the target',
  usage: 'backup run [--data DIR] [--target local] [--kind full|incremental] [--snapshot vacuum]',
  options: {
    data: { type: 'string' },
    target: { type: 'string' },
    kind: { type: 'string' },
    snapshot: { type: 'string' },
  },
  async run({ values, out }) {
    const kind = (values.kind as string | undefined) ?? 'full'
    if (kind !== 'full' && kind !== 'incremental')
      throw new CliError('--kind is full or incremental.')
    const snapshot = values.snapshot as string | undefined
    if (snapshot !== undefined && snapshot !== 'vacuum' && snapshot !== 'page-copy')
      throw new CliError('--snapshot is vacuum or page-copy.')
    return withBackups(values.data as string | undefined, async (engine, core) => {
      const r = await engine.run(
        {
          target: (values.target as string | undefined) ?? 'local',
          kind,
          ...(snapshot ? { snapshot } : {}),
        },
        systemActorContext(core),
      )
      out(`Backup ${r.id}: ${r.kind} to ${r.target}, ${size(r.bytes)}, SHA256SUMS ${r.sha256}`)
      if (r.promoted) out(`  made as a full base: ${r.promoted}`)
      out(
        `  WAL generation ${r.generation}, position ${r.position}; data trail ${r.trails.data.size} entries, system trail ${r.trails.system.size}`,
      )
      return 0
    })
  },
}

export const backupList: Command = {
  name: 'backup list',
  summary: 'List the backup catalog, newest first',
  usage: 'backup list [--data DIR] [--target ID]',
  options: { data: { type: 'string' }, target: { type: 'string' } },
  async run({ values, out }) {
    return withBackups(values.data as string | undefined, async (engine) => {
      const target = values.target as string | undefined
      for (const b of await engine.list(
        target ? { target: (await engine.target(target)).id } : {},
      )) {
        out(
          `${b.id}  ${b.status.padEnd(9)} ${b.kind.padEnd(11)} ${b.target.padEnd(14)} ${size(b.bytes).padStart(10)}  ${b.startedAt}${b.error ? `  ${b.error}` : ''}`,
        )
      }
      return 0
    })
  },
}

export const backupVerify: Command = {
  name: 'backup verify',
  summary: 'Check a backup set on its target: hashes, encryption, manifest, every object decrypted',
  usage: 'backup verify ID [--data DIR]',
  options: { data: { type: 'string' } },
  async run({ values, positionals, out }) {
    const id = positionals[0]
    if (!id) throw new CliError('Name the backup: veritrail backup verify ID')
    return withBackups(values.data as string | undefined, async (engine, core) => {
      const r = await engine.verify(id, systemActorContext(core))
      out(`Backup ${r.backupId} on ${r.target}: ${r.objects} objects, ${size(r.bytes)} read`)
      for (const p of r.problems) out(`  PROBLEM: ${p}`)
      out(r.ok ? 'Result: INTACT' : 'Result: DAMAGED')
      return r.ok ? 0 : 1
    })
  },
}

export const backupPrune: Command = {
  name: 'backup prune',
  summary: 'Apply the retention settings to a target (an audited operation)',
  usage: 'backup prune --target ID --reason TEXT [--dry-run] [--data DIR]',
  options: {
    data: { type: 'string' },
    target: { type: 'string' },
    reason: { type: 'string' },
    'dry-run': { type: 'boolean' },
  },
  async run({ values, out }) {
    if (!values.target) throw new CliError('Name the target: --target ID')
    return withBackups(values.data as string | undefined, async (engine, core) => {
      const r = await engine.prune(values.target as string, systemActorContext(core), {
        reason: (values.reason as string | undefined) ?? '',
        dryRun: values['dry-run'] === true,
      })
      for (const k of r.keep) out(`keep   ${k.id}  (${k.why.join('; ')})`)
      for (const id of r.pruned) out(`pruned ${id}`)
      out(
        r.dryRun
          ? 'Preview only: nothing was removed.'
          : `${r.pruned.length} set(s), ${r.objects} object(s) removed.`,
      )
      return 0
    })
  },
}

export const restoreDrillCommand: Command = {
  name: 'restore-drill',
  summary: 'Restore a backup into a scratch folder, verify it and report counts, roots and time',
  usage: 'restore-drill [ID] [--data DIR]',
  options: { data: { type: 'string' } },
  async run({ values, positionals, out }) {
    return withBackups(values.data as string | undefined, async (engine, core) => {
      const id = positionals[0] ?? (await engine.list()).find((b) => b.status === 'completed')?.id
      if (!id) throw new CliError('There is no completed backup to drill.')
      const r = await engine.drill(id, systemActorContext(core))
      out(`Restore drill of ${r.backupId} from ${r.target} (position ${r.position})`)
      for (const t of ['data', 'system'] as const) {
        out(
          `  ${t} trail: ${r.trails[t].size} entries, root ${r.trails[t].rootHash} (manifest: ${r.expected[t].size}, ${r.expected[t].rootHash})`,
        )
      }
      out(
        `  integrity_check: ${r.integrity ? 'ok' : 'FAILED'}; ledger verify: ${r.verified ? 'intact' : 'FAILED'}; matches the signed checkpoints: ${r.matchesCheckpoint ? 'yes' : 'NO'}`,
      )
      out(`  recovery time: ${(r.rtoMs / 1000).toFixed(2)} s`)
      for (const p of r.problems) out(`  PROBLEM: ${p}`)
      out(r.ok ? 'Result: PASSED' : 'Result: FAILED')
      return r.ok ? 0 : 1
    })
  },
}
