/** A failure the CLI reports as one sentence and an exit code (2: bad input or unreadable). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message)
  }
}
