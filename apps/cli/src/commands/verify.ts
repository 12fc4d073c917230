import { createHash } from 'node:crypto'
import { isVeritrailError, verifyDataDir, type VerifierKey, type TrailVerification } from '@veritrail/core'
import { CliError } from '../cli-error.js'
import { dataDir, dbUrl } from '../data-dir.js'
import type { Command } from './command.js'
import { progressLine } from '../progress.js'

export const verify: Command = {
  name: 'verify',
  summary: 'Recompute both trails from the stored bytes and check them against signed checkpoints',
  usage: 'verify [--data DIR] [--checkpoint FILE] [--key VERIFIER_KEY]... [--deep]',
  options: {
    data: { type: 'string' },
    checkpoint: { type: 'string' },
    key: { type: 'string', multiple: true },
    deep: { type: 'boolean' },
  },
  async run({ values, out, err }) {
    const dir = dataDir(values.data as string | undefined)
    const progress = progressLine(err, 'verified', 'entries')
    let report
    try {
      report = await verifyDataDir({
        dataDir: dir,
        ...(dbUrl(values.data as string | undefined) ? { dbUrl: dbUrl(values.data as string | undefined)! } : {}),
        ...(values.checkpoint ? { checkpointFile: values.checkpoint as string } : {}),
        ...(values.key ? { keys: values.key as string[] } : {}),
        deep: values.deep === true,
        onProgress: (n) => progress.update(n),
      })
    } catch (error) {
      progress.done()
      if (isVeritrailError(error)) throw new CliError(error.message, 2)
      throw error
    }
    progress.done()
    out(`Verified ${dir}${values.deep ? ' (deep)' : ''}`)
    out(`Keys: ${report.verifiers.map(fingerprint).join(', ')}`)
    for (const trail of ['data', 'system'] as const) out(describe(report.trails[trail]))
    out(report.ok ? 'Result: INTACT' : 'Result: DAMAGED')
    return report.ok ? 0 : 1
  },
}

function describe(t: TrailVerification): string {
  const root = Buffer.from(t.rootHash).toString('base64')
  const lines = [`${t.trail} trail: ${t.size} entries, root ${root}`]
  if (t.checkpoint) lines.push(`  checked against ${t.checkpoint.checked} signed checkpoint(s), the latest at size ${t.checkpoint.size}`)
  if (t.unanchored > 0) lines.push(`  ${t.unanchored} entries after the latest signed checkpoint (anchored at the next checkpoint)`)
  if (t.firstBadSeq !== undefined) lines.push(`  FIRST BAD SEQ ${t.firstBadSeq}: ${t.problem}`)
  for (const p of t.problems) lines.push(`  PROBLEM: ${p}`)
  if (t.firstBadSeq === undefined && t.problems.length === 0) lines.push('  intact')
  return lines.join('\n')
}

/** `name+keyid` and a SHA-256 fingerprint of the public key, to compare with the published one. */
export function fingerprint(key: VerifierKey): string {
  const digest = createHash('sha256').update(key.publicKey).digest('hex')
  return `${key.name}+${key.keyIdHex} (SHA-256 ${digest.slice(0, 16)}…)`
}
