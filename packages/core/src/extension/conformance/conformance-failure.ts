import { VeritrailError } from '../../errors.js'

/**
 * The error a conformance kit throws: `plugin_error`, naming the extension and the check that
 * failed (`details.check`), so a plugin's test output says what to fix.
 */
export function conformanceFailure(
  subject: string,
  check: string,
  problem: string,
): VeritrailError {
  return new VeritrailError('plugin_error', `${subject} fails the “${check}” check: ${problem}`, {
    details: { check },
  })
}

/** Runs `body`; when it rejects with anything, names the check that failed. */
export async function check(
  subject: string,
  name: string,
  body: () => Promise<void>,
): Promise<void> {
  try {
    await body()
  } catch (error) {
    if (error instanceof Error && error.message.startsWith(`${subject} fails`)) throw error
    const reason = error instanceof Error ? error.message : String(error)
    throw conformanceFailure(subject, name, `it threw: ${reason}`)
  }
}
