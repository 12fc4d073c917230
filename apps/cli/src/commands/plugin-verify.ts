import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseVerifierKey, verifyPack } from '@veritrail/core'
import { CliError } from '../cli-error.js'
import type { Command } from './command.js'

export const pluginVerify: Command = {
  name: 'plugin verify',
  summary: "Check a plugin pack's files against its SIGNATURE and the given publisher keys",
  usage: 'plugin verify DIR [--key VERIFIER_KEY|FILE]...',
  options: { key: { type: 'string', multiple: true } },
  async run({ values, positionals, out }) {
    const [dir] = positionals
    if (!dir || positionals.length > 1)
      throw new CliError(
        'Give the pack folder, e.g. veritrail plugin verify ./my-pack --key acme.pub.',
      )
    const keys = ((values.key as string[] | undefined) ?? []).map((k) =>
      parseVerifierKey((existsSync(k) ? readFileSync(k, 'utf8') : k).trim()),
    )
    const result = verifyPack(resolve(dir), keys)
    out(
      `${result.name} ${result.version}: ${result.fileCount} files, manifest hash ${result.manifestHash}`,
    )
    if (result.publisher) out(`Signed by: ${result.publisher}`)
    for (const problem of result.problems) out(`  ${problem}`)
    const verdict = {
      valid: 'VALID',
      'unknown-key': 'NOT VERIFIED',
      none: 'UNSIGNED',
      tampered: 'TAMPERED',
    }[result.status]
    out(`Result: ${verdict}`)
    return result.status === 'valid' ? 0 : 1
  },
}
