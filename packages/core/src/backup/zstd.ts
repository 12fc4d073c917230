import { compress, decompress } from '@mongodb-js/zstd'
import { VeritrailError } from '../errors.js'

/**
 * Zstandard, as a sequence of independent frames of at most `FRAME_INPUT` bytes of input each:
 * `zstd -d` (and every decoder) reads concatenated frames as one stream, while the backup engine
 * compresses frames in parallel on the thread pool and decompresses them one at a time, so
 * neither side holds a whole database in memory. The binding (@mongodb-js/zstd 1.x) ships
 * prebuilt binaries as npm packages and runs no install script.
 */

export const FRAME_INPUT = 8 * 1024 * 1024
export const ZSTD_LEVEL = 3
const MAGIC = 0xfd2fb528

/** Compresses one frame's worth of input. */
export function compressFrame(input: Uint8Array, level = ZSTD_LEVEL): Promise<Buffer> {
  return compress(Buffer.from(input.buffer, input.byteOffset, input.byteLength), level)
}

/** Decompresses exactly one frame. */
export function decompressFrame(frame: Uint8Array): Promise<Buffer> {
  return decompress(Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength))
}

/**
 * Splits a buffer of concatenated frames: returns the complete frames at its start and the bytes
 * of an incomplete last frame (to be continued by the next buffer). Reads only frame and block
 * headers (RFC 8878 §3.1.1).
 */
export function splitFrames(data: Buffer): { frames: Buffer[]; rest: Buffer } {
  const frames: Buffer[] = []
  let at = 0
  for (;;) {
    const size = frameSize(data, at)
    if (size === undefined) break
    frames.push(data.subarray(at, at + size))
    at += size
  }
  return { frames, rest: data.subarray(at) }
}

/** Size of the frame starting at `at`, or undefined when the buffer ends before it does. */
function frameSize(data: Buffer, at: number): number | undefined {
  if (data.length - at < 6) return undefined
  if (data.readUInt32LE(at) !== MAGIC) {
    throw new VeritrailError('verification_failed', 'The decrypted object is not Zstandard data.')
  }
  const descriptor = data[at + 4]!
  const fcsFlag = descriptor >> 6
  const singleSegment = (descriptor >> 5) & 1
  const checksum = (descriptor >> 2) & 1
  const dictFlag = descriptor & 3
  const fcsBytes = [singleSegment ? 1 : 0, 2, 4, 8][fcsFlag]!
  let p = at + 5 + (singleSegment ? 0 : 1) + [0, 1, 2, 4][dictFlag]! + fcsBytes
  for (;;) {
    if (p + 3 > data.length) return undefined
    const header = data.readUIntLE(p, 3)
    const last = header & 1
    const type = (header >> 1) & 3
    const blockSize = header >> 3
    if (type === 3)
      throw new VeritrailError(
        'verification_failed',
        'The Zstandard data holds a reserved block type.',
      )
    p += 3 + (type === 1 ? 1 : blockSize)
    if (last) break
  }
  p += checksum ? 4 : 0
  return p <= data.length ? p - at : undefined
}
