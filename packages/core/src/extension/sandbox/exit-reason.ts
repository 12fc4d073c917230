/**
 * A sentence for how a sandbox ended, with the last lines it wrote to stderr (where V8 reports
 * "JavaScript heap out of memory" and Node an uncaught error).
 */
export function exitReason(code: number | null, signal: string | null, stderr: string): string {
  const how = signal ? `killed by ${signal}` : `exited with code ${code}`
  // V8 prints its fatal error first and a native stack after it: the first line says it all.
  const fatal =
    /FATAL ERROR: ([^\n]+)/.exec(stderr) ?? /(ERR_WORKER_OUT_OF_MEMORY[^\n]*)/.exec(stderr)
  if (fatal) return `${how}: ${fatal[1]!.trim()}`
  const tail = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(
      (l) =>
        l !== '' &&
        !l.includes('ExperimentalWarning') &&
        !l.startsWith('(Use `node --trace-warnings'),
    )
    .slice(-3)
    .join(' | ')
  return tail ? `${how}: ${tail.slice(0, 500)}` : `${how}.`
}

/** Keeps the last `max` characters written to a stream. */
export function tailBuffer(max = 4096): { push(chunk: Buffer | string): void; text(): string } {
  let text = ''
  return {
    push(chunk) {
      text = (text + chunk.toString()).slice(-max)
    },
    text: () => text,
  }
}
