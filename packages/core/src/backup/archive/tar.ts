import { VeritrailError } from '../../errors.js'

/**
 * POSIX ustar (IEEE Std 1003.1), files only: a 512-byte header per file, the bytes padded to
 * 512, two zero blocks at the end — what `tar -x` has read since 1988.
 */
const BLOCK = 512

function header(name: string, size: number, mtime: number): Buffer {
  if (Buffer.byteLength(name) > 100)
    throw new VeritrailError('validation_failed', `${name} is too long for a tar header.`)
  const h = Buffer.alloc(BLOCK)
  const put = (at: number, len: number, text: string) => h.write(text, at, len, 'utf8')
  const octal = (n: number, len: number) => n.toString(8).padStart(len - 1, '0')
  put(0, 100, name)
  put(100, 8, octal(0o644, 8))
  put(108, 8, octal(0, 8))
  put(116, 8, octal(0, 8))
  put(124, 12, octal(size, 12))
  put(136, 12, octal(Math.floor(mtime / 1000), 12))
  put(148, 8, '        ')
  put(156, 1, '0')
  put(257, 6, 'ustar\0')
  put(263, 2, '00')
  put(265, 32, 'veritrail')
  put(297, 32, 'veritrail')
  let sum = 0
  for (const b of h) sum += b
  put(148, 8, `${octal(sum, 7)}\0`)
  return h
}

/** A tar file of `files` (in this order). */
export function writeTar(files: { name: string; bytes: Uint8Array }[], mtime = Date.now()): Buffer {
  const parts: Buffer[] = []
  for (const f of files) {
    parts.push(header(f.name, f.bytes.length, mtime), Buffer.from(f.bytes))
    const pad = (BLOCK - (f.bytes.length % BLOCK)) % BLOCK
    if (pad) parts.push(Buffer.alloc(pad))
  }
  parts.push(Buffer.alloc(2 * BLOCK))
  return Buffer.concat(parts)
}

/** The files of a ustar archive; `verification_failed` on a damaged header. */
export function readTar(tar: Buffer): { name: string; bytes: Buffer }[] {
  const out: { name: string; bytes: Buffer }[] = []
  for (let at = 0; at + BLOCK <= tar.length;) {
    const h = tar.subarray(at, at + BLOCK)
    if (h.every((b) => b === 0)) break
    const text = (from: number, len: number) =>
      h
        .subarray(from, from + len)
        .toString('utf8')
        .replace(/\0.*$/s, '')
        .trim()
    let sum = 0
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i]!
    if (parseInt(text(148, 8), 8) !== sum)
      throw new VeritrailError(
        'verification_failed',
        'The archive’s tar header checksum does not match.',
      )
    const size = parseInt(text(124, 12), 8)
    if (text(156, 1) === '0' || text(156, 1) === '')
      out.push({ name: text(0, 100), bytes: tar.subarray(at + BLOCK, at + BLOCK + size) })
    at += BLOCK + Math.ceil(size / BLOCK) * BLOCK
  }
  return out
}
