import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { CliError } from '../cli-error.js'
import type { Command } from './command.js'
import { scaffoldFiles } from './plugin-scaffold.js'

const PACKAGE_NAME = /^(@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z][a-z0-9-._~]*$/

export const pluginNew: Command = {
  name: 'plugin new',
  summary: 'Create a working plugin: manifest, a record type, a declarative rule and a test',
  usage: 'plugin new NAME [--dir DIR]',
  options: { dir: { type: 'string' } },
  async run({ values, positionals, out }) {
    const [name] = positionals
    if (!name || positionals.length > 1 || !PACKAGE_NAME.test(name)) {
      throw new CliError(
        'Give the plugin an npm package name, e.g. veritrail plugin new @acme/line-checks.',
      )
    }
    const last = name.split('/').at(-1)!
    const prefix = last.replace(/^veritrail-plugin-|^plugin-/, '').replace(/[^a-z0-9-]/g, '-')
    const dir = resolve((values.dir as string | undefined) ?? last)
    if (existsSync(dir)) throw new CliError(`${dir} exists; choose another folder with --dir.`)
    for (const [path, text] of Object.entries(scaffoldFiles(name, prefix))) {
      mkdirSync(dirname(join(dir, path)), { recursive: true })
      writeFileSync(join(dir, path), text, { flag: 'wx' })
    }
    out(`Created ${name} in ${dir}`)
    out(`  record type ${prefix}.sample, declarative rule ${prefix}.sampleDeleted`)
    out('Next: npm install && npm test, then read docs/plugins.md to sign and install it.')
    return 0
  },
}
