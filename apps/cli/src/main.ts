import { parseArgs } from 'node:util'
import { isVeritrailError } from '@veritrail/core'
import { CliError } from './cli-error.js'
import { commands } from './commands/index.js'

/** Runs one CLI invocation; resolves with the exit code. */
export async function runCli(
  argv: string[],
  out: (line: string) => void = (l) => process.stdout.write(l + '\n'),
  err: (line: string) => void = (l) => process.stderr.write(l + '\n'),
): Promise<number> {
  const words = [...argv]
  const name = words[0] && commands.find((c) => c.name === words[0] || c.name === `${words[0]} ${words[1]}`)
  if (!name || words[0] === 'help' || words[0] === '--help') {
    err('Usage: veritrail <command> [options]\n\nCommands:')
    for (const c of commands) err(`  ${c.usage.padEnd(64)} ${c.summary}`)
    err('\nEvery command takes --data DIR (default: $VERITRAIL_DATA or ./data).')
    return words.length === 0 || words[0] === 'help' || words[0] === '--help' ? 0 : 2
  }
  const command = name
  const rest = words.slice(command.name.split(' ').length)
  try {
    const { values, positionals } = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true })
    return await command.run({ values, positionals, out, err, tty: process.stderr.isTTY === true })
  } catch (error) {
    if (error instanceof CliError) {
      err(`veritrail ${command.name}: ${error.message}`)
      return error.exitCode
    }
    if (isVeritrailError(error)) {
      err(`veritrail ${command.name}: ${error.message}`)
      for (const e of error.errors ?? []) err(`  ${e.path}: ${e.message}`)
      return 2
    }
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      err(`veritrail ${command.name}: ${error.message}\nUsage: veritrail ${command.usage}`)
      return 2
    }
    throw error
  }
}
