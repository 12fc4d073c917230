/**
 * Browser stand-in for the one `node:crypto` import left in the core's key helpers
 * (`randomBytes`, used only to generate keys, which the browser never does).
 */
export function randomBytes(size: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(size))
}
