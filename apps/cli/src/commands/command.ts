import type { ParseArgsConfig } from 'node:util'

/** Everything a command needs from the process, so tests can run commands in-process. */
export interface CommandIo {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>
  positionals: string[]
  out: (line: string) => void
  err: (line: string) => void
  /** Whether stderr is a terminal (progress bars redraw in place only there). */
  tty: boolean
}

export interface Command {
  name: string
  summary: string
  usage: string
  options: NonNullable<ParseArgsConfig['options']>
  /** Resolves with the exit code. */
  run(io: CommandIo): Promise<number>
}
