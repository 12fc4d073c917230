import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { signPack } from '@veritrail/core'
import { CliError } from '../cli-error.js'
import type { Command } from './command.js'

export const pluginSign: Command = {
  name: 'plugin sign',
  summary: 'Sign a plugin pack: SHA-256 of every file, Ed25519 signed note in SIGNATURE',
  usage: 'plugin sign DIR --key KEY_FILE',
  options: { key: { type: 'string' } },
  async run({ values, positionals, out }) {
    const [dir] = positionals
    if (!dir || positionals.length > 1)
      throw new CliError(
        'Give the pack folder, e.g. veritrail plugin sign ./my-pack --key acme.key.',
      )
    if (!values.key)
      throw new CliError(
        'Give the publisher signing key file with --key (see veritrail plugin keygen).',
      )
    let signerKey: string
    try {
      signerKey = readFileSync(values.key as string, 'utf8')
    } catch {
      throw new CliError(`The key file ${values.key as string} cannot be read.`)
    }
    const signed = signPack(resolve(dir), signerKey)
    out(`Signed ${signed.name} ${signed.version}: ${signed.fileCount} files`)
    out(`Publisher: ${signed.publisher}`)
    out(`Manifest hash: ${signed.manifestHash}`)
    return 0
  },
}
