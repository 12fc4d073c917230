import { randomBytes } from 'node:crypto'

// Random bytes are drawn from the CSPRNG 4 KiB at a time (a review stores thousands of findings,
// each with an id); every byte is used once.
let pool = Buffer.alloc(0)
let used = 0

/**
 * A UUID version 7 (RFC 9562): 48-bit Unix milliseconds then randomness, so ids sort by creation
 * time and index well.
 */
export function uuidv7(now = Date.now()): string {
  if (used === pool.length) {
    pool = randomBytes(4096)
    used = 0
  }
  const b = pool.subarray(used, (used += 16))
  b.writeUIntBE(now, 0, 6)
  b[6] = (b[6]! & 0x0f) | 0x70
  b[8] = (b[8]! & 0x3f) | 0x80
  const h = b.toString('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}
