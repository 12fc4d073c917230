import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { generateSignerKey } from '@veritrail/core'
import { CliError } from '../cli-error.js'
import type { Command } from './command.js'

export const pluginKeygen: Command = {
  name: 'plugin keygen',
  summary: "Create a publisher's Ed25519 note key for signing plugin packs",
  usage: 'plugin keygen NAME [--out DIR]',
  options: { out: { type: 'string' } },
  async run({ values, positionals, out }) {
    const [name] = positionals
    if (!name || positionals.length > 1)
      throw new CliError('Give one key name, e.g. veritrail plugin keygen acme.example.')
    const dir = resolve((values.out as string | undefined) ?? '.')
    const keyFile = join(dir, `${name}.key`)
    const pubFile = join(dir, `${name}.pub`)
    if (existsSync(keyFile)) throw new CliError(`${keyFile} exists; a key is never overwritten.`)
    const key = generateSignerKey(name)
    mkdirSync(dir, { recursive: true })
    writeFileSync(keyFile, key.signerKey + '\n', { mode: 0o600, flag: 'wx' })
    writeFileSync(pubFile, key.verifierKey + '\n', { mode: 0o644 })
    out(`Signing key:  ${keyFile} (keep it secret)`)
    out(`Verifier key: ${pubFile}`)
    out(key.verifierKey)
    return 0
  },
}
