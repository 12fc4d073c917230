/**
 * The SQLite write-ahead log file format (https://sqlite.org/fileformat2.html#walformat), read
 * the way SQLite's own recovery reads it: a 32-byte header, then frames of a 24-byte header and
 * one page. A frame counts only when its salts equal the header's and its checksum, which chains
 * from the header through every earlier frame, matches; the log ends at the last valid commit
 * frame (one whose "database size" field is not zero). Pure functions over bytes.
 */

export const WAL_HEADER_BYTES = 32
export const WAL_FRAME_HEADER_BYTES = 24
const MAGIC_LE = 0x377f0682
const MAGIC_BE = 0x377f0683
const FORMAT_VERSION = 3007000

export interface WalHeader {
  bigEndian: boolean
  pageSize: number
  checkpointSeq: number
  salt1: number
  salt2: number
}

/** What a WAL file holds up to its last commit. */
export interface WalSummary extends WalHeader {
  /** Valid frames up to and including the last commit frame. */
  frames: number
  /** Byte length of that prefix: header plus `frames` frames. */
  bytes: number
  /** Database size in pages after the last commit. */
  databasePages: number
}

/** Why bytes are not a usable WAL. */
export class WalFormatError extends Error {}

/** Parses and checks the 32-byte header. */
export function walHeader(bytes: Uint8Array): WalHeader {
  if (bytes.length < WAL_HEADER_BYTES) throw new WalFormatError('shorter than a WAL header')
  const view = new DataView(bytes.buffer, bytes.byteOffset, WAL_HEADER_BYTES)
  const magic = view.getUint32(0)
  if (magic !== MAGIC_LE && magic !== MAGIC_BE) throw new WalFormatError('no WAL magic number')
  if (view.getUint32(4) !== FORMAT_VERSION) throw new WalFormatError('unknown WAL format version')
  const pageSize = view.getUint32(8)
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) {
    throw new WalFormatError(`impossible page size ${pageSize}`)
  }
  const bigEndian = magic === MAGIC_BE
  const [s0, s1] = walChecksum(bytes.subarray(0, 24), bigEndian, 0, 0)
  if (s0 !== view.getUint32(24) || s1 !== view.getUint32(28)) {
    throw new WalFormatError('the WAL header checksum does not match')
  }
  return {
    bigEndian,
    pageSize,
    checkpointSeq: view.getUint32(12),
    salt1: view.getUint32(16),
    salt2: view.getUint32(20),
  }
}

/**
 * Reads a WAL as SQLite recovery would and says how much of it is committed. Frames after the
 * last valid commit frame (a rolled-back or torn transaction, stale frames of an earlier log)
 * are not counted.
 */
export function summarizeWal(bytes: Uint8Array): WalSummary {
  const header = walHeader(bytes)
  const frameBytes = WAL_FRAME_HEADER_BYTES + header.pageSize
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let [s0, s1] = [view.getUint32(24), view.getUint32(28)]
  let frames = 0
  let databasePages = 0
  for (let n = 1, at = WAL_HEADER_BYTES; at + frameBytes <= bytes.length; n++, at += frameBytes) {
    if (view.getUint32(at + 8) !== header.salt1 || view.getUint32(at + 12) !== header.salt2) break
    ;[s0, s1] = walChecksum(bytes.subarray(at, at + 8), header.bigEndian, s0, s1)
    ;[s0, s1] = walChecksum(bytes.subarray(at + 24, at + frameBytes), header.bigEndian, s0, s1)
    if (s0 !== view.getUint32(at + 16) || s1 !== view.getUint32(at + 20)) break
    const commitSize = view.getUint32(at + 4)
    if (commitSize !== 0) {
      frames = n
      databasePages = commitSize
    }
  }
  return { ...header, frames, bytes: WAL_HEADER_BYTES + frames * frameBytes, databasePages }
}

/**
 * The WAL checksum (fileformat2 §4.4): over 32-bit words in the log's byte order, two running
 * sums, `s0 += x[i] + s1; s1 += x[i+1] + s0`, modulo 2^32.
 */
export function walChecksum(
  data: Uint8Array,
  bigEndian: boolean,
  s0: number,
  s1: number,
): [number, number] {
  if (data.length % 8 !== 0)
    throw new WalFormatError('checksummed data must be a multiple of 8 bytes')
  const nativeLittle = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1
  let a = s0 >>> 0
  let b = s1 >>> 0
  if (!bigEndian === nativeLittle && data.byteOffset % 4 === 0) {
    const words = new Uint32Array(data.buffer, data.byteOffset, data.length / 4)
    for (let i = 0; i < words.length; i += 2) {
      a = (a + words[i]! + b) >>> 0
      b = (b + words[i + 1]! + a) >>> 0
    }
    return [a, b]
  }
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength)
  for (let i = 0; i < data.length; i += 8) {
    a = (a + view.getUint32(i, !bigEndian) + b) >>> 0
    b = (b + view.getUint32(i + 4, !bigEndian) + a) >>> 0
  }
  return [a, b]
}
