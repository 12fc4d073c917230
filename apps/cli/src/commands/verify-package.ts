import { isVeritrailError } from '@veritrail/core'
import { verifyEvidencePackage } from '@veritrail/plugin-exporter-evidence'
import { CliError } from '../cli-error.js'
import type { Command } from './command.js'
import { fingerprint } from './verify.js'

export const verifyPackage: Command = {
  name: 'verify-package',
  summary: 'Check an evidence package offline: signed manifest, file sums, proofs, records, signatures',
  usage: 'verify-package FILE [--key VERIFIER_KEY]',
  options: { key: { type: 'string' } },
  async run({ values, positionals, out }) {
    const file = positionals[0]
    if (!file || positionals.length > 1) throw new CliError('Name one package file: veritrail verify-package FILE [--key VERIFIER_KEY].')
    let result
    try {
      result = await verifyEvidencePackage(file, values.key ? { key: values.key as string } : {})
    } catch (error) {
      if (isVeritrailError(error)) throw new CliError(error.message, 2)
      throw error
    }
    out(`Package ${file}`)
    out(
      result.keySource === 'given'
        ? `Key: ${fingerprint(result.key)} (given with --key)`
        : `Key: ${fingerprint(result.key)} — taken from the package itself: compare this fingerprint with the key your administrator published, or pass it with --key.`,
    )
    const m = result.manifest
    if (m) {
      out(`Installation ${m.installId}, produced ${m.generatedAt} for ${m.requestedBy || 'an unnamed requester'}; scope ${m.filter}`)
      for (const trail of ['data', 'system'] as const) {
        out(`${trail} trail: ${m.entries[trail].count} entries of the signed checkpoint at size ${m.checkpoints[trail].size}`)
      }
    }
    const c = result.checked
    out(`Checked ${c.files} files, ${c.entries} entries with their proofs, ${c.records} record versions, ${c.signatures} signatures, ${c.attachments} attachments.`)
    for (const problem of result.problems) out(`  FAILED: ${problem}`)
    out(result.ok ? 'Result: INTACT' : 'Result: TAMPERED')
    return result.ok ? 0 : 1
  },
}
