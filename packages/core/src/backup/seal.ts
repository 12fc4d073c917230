import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { open, rename, rm } from 'node:fs/promises'
import { fsyncDirectory } from '../store/libsql/wal-capture.js'
import { VeritrailError } from '../errors.js'
import { ageDecryptor, ageEncryptor, isAgeEncrypted } from './age.js'
import { FRAME_INPUT, compressFrame, decompressFrame, splitFrames } from './zstd.js'

/**
 * What to seal: a file path, or a live database file through its pinned descriptor (see
 * `pinnedFd`: positional reads, never closed here) and the size to read.
 */
export type SealSource = string | { fd: number; bytes: number }

function readSource(src: SealSource): AsyncIterable<Buffer> {
  if (typeof src === 'string') return createReadStream(src, { highWaterMark: FRAME_INPUT })
  if (src.bytes === 0) return (async function* () {})()
  return createReadStream('', {
    fd: src.fd,
    autoClose: false,
    start: 0,
    end: src.bytes - 1,
    highWaterMark: FRAME_INPUT,
  })
}

/** How an object's plaintext is stored before encryption. */
export type Compression = 'zstd' | 'none'

/** SHA-256 (hex) and size of one form of an object. */
export interface Digest {
  sha256: string
  bytes: number
}

/** What sealing produced: digests of the plaintext and of the stored ciphertext. */
export interface Sealed {
  plain: Digest
  cipher: Digest
}

/**
 * Seals a file for a backup target: compresses (Zstandard frames, two in flight), encrypts to
 * the age recipients and writes `dest` completely and durably (temporary name, fsync, rename),
 * hashing plaintext and ciphertext on the way. Runs in a worker thread (`runInWorker`).
 */
export async function sealFile(
  src: SealSource,
  dest: string,
  recipients: string[],
  compression: Compression,
  progress?: (bytes: number) => void,
): Promise<Sealed> {
  const { head, stream } = await ageEncryptor(recipients)
  const plain = createHash('sha256')
  const cipher = createHash('sha256')
  const temp = `${dest}.partial`
  await rm(temp, { force: true })
  const out = await open(temp, 'wx', 0o600)
  let plainBytes = 0
  let cipherBytes = 0
  const write = async (parts: Buffer[]) => {
    for (const part of parts) {
      cipher.update(part)
      cipherBytes += part.length
      await out.write(part)
    }
  }
  try {
    await write([head])
    const inFlight: Promise<Buffer>[] = []
    for await (const chunk of readSource(src)) {
      plain.update(chunk)
      plainBytes += chunk.length
      inFlight.push(compression === 'zstd' ? compressFrame(chunk) : Promise.resolve(chunk))
      if (inFlight.length >= 2) await write(stream.push(await inFlight.shift()!))
      progress?.(plainBytes)
    }
    for (const next of inFlight) await write(stream.push(await next))
    // An empty file is still one (empty) frame: `zstd -d` refuses zero bytes.
    if (plainBytes === 0 && compression === 'zstd')
      await write(stream.push(await compressFrame(new Uint8Array())))
    await write(stream.end())
    await out.sync()
  } catch (error) {
    await out.close()
    await rm(temp, { force: true })
    throw error
  }
  await out.close()
  await rename(temp, dest)
  fsyncDirectory(dest)
  return {
    plain: { sha256: plain.digest('hex'), bytes: plainBytes },
    cipher: { sha256: cipher.digest('hex'), bytes: cipherBytes },
  }
}

/**
 * Opens a sealed file: decrypts with the identities, decompresses, and writes the plaintext to
 * `dest` (or only hashes it when `dest` is null). Fails with `verification_failed` on a wrong
 * key, a damaged or truncated object, or a plaintext hash other than `expect`.
 */
export async function openSealedFile(
  src: string,
  dest: string | null,
  identities: string[],
  compression: Compression,
  expect?: string,
  progress?: (bytes: number) => void,
): Promise<Sealed> {
  const plain = createHash('sha256')
  const cipher = createHash('sha256')
  if (dest !== null) await rm(`${dest}.partial`, { force: true })
  const out = dest === null ? undefined : await open(`${dest}.partial`, 'wx', 0o600)
  let plainBytes = 0
  let cipherBytes = 0
  let head: Buffer | undefined = Buffer.alloc(0)
  let decryptor: Awaited<ReturnType<typeof ageDecryptor>>['stream'] | undefined
  let frames = Buffer.alloc(0)
  const emit = async (parts: Buffer[]) => {
    for (const part of parts) {
      let data = [part]
      if (compression === 'zstd') {
        const split = splitFrames(frames.length ? Buffer.concat([frames, part]) : part)
        frames = Buffer.from(split.rest)
        data = []
        for (const frame of split.frames) data.push(await decompressFrame(frame))
      }
      for (const d of data) {
        plain.update(d)
        plainBytes += d.length
        await out?.write(d)
      }
    }
    progress?.(plainBytes)
  }
  try {
    for await (const chunk of createReadStream(src, {
      highWaterMark: FRAME_INPUT,
    }) as AsyncIterable<Buffer>) {
      cipher.update(chunk)
      cipherBytes += chunk.length
      if (decryptor) {
        await emit(decryptor.push(chunk))
        continue
      }
      head = Buffer.concat([head!, chunk])
      if (!headerComplete(head) && head.length < 64 * 1024) continue
      if (!isAgeEncrypted(head))
        throw new VeritrailError(
          'verification_failed',
          'The object is not age-encrypted: it was stored or replaced as plaintext.',
        )
      const opened = await ageDecryptor(head, identities)
      decryptor = opened.stream
      await emit(decryptor.push(head.subarray(opened.consumed)))
      head = undefined
    }
    if (!decryptor)
      throw new VeritrailError(
        'verification_failed',
        'The object is too short to be an age-encrypted file.',
      )
    await emit(decryptor.end())
    if (frames.length > 0)
      throw new VeritrailError(
        'verification_failed',
        'The compressed data ends in the middle of a frame.',
      )
    const result = {
      plain: { sha256: plain.digest('hex'), bytes: plainBytes },
      cipher: { sha256: cipher.digest('hex'), bytes: cipherBytes },
    }
    if (expect !== undefined && result.plain.sha256 !== expect) {
      throw new VeritrailError(
        'verification_failed',
        `The decrypted object has SHA-256 ${result.plain.sha256}, not ${expect} as its manifest says.`,
      )
    }
    if (out) {
      await out.sync()
      await out.close()
      await rename(`${dest}.partial`, dest!)
    }
    return result
  } catch (error) {
    if (out) {
      await out.close().catch(() => undefined)
      await rm(`${dest}.partial`, { force: true })
    }
    throw error
  }
}

/** Whether `head` holds a whole age header and the payload nonce after it. */
function headerComplete(head: Buffer): boolean {
  const mac = head.indexOf('\n--- ')
  const end = mac < 0 ? -1 : head.indexOf('\n', mac + 1)
  return end >= 0 && head.length >= end + 1 + 16
}

/** Seals a small object in memory (manifest, keys). */
export async function sealBytes(
  bytes: Uint8Array,
  recipients: string[],
  compression: Compression,
): Promise<Buffer> {
  const { head, stream } = await ageEncryptor(recipients)
  const body = compression === 'zstd' ? await compressFrame(bytes) : Buffer.from(bytes)
  return Buffer.concat([head, ...stream.push(body), ...stream.end()])
}

/** Opens a small sealed object in memory. */
export async function openBytes(
  bytes: Uint8Array,
  identities: string[],
  compression: Compression,
): Promise<Buffer> {
  if (!isAgeEncrypted(bytes))
    throw new VeritrailError(
      'verification_failed',
      'The object is not age-encrypted: it was stored or replaced as plaintext.',
    )
  const { consumed, stream } = await ageDecryptor(bytes, identities)
  const body = Buffer.concat([...stream.push(bytes.subarray(consumed)), ...stream.end()])
  if (compression === 'none') return body
  const { frames, rest } = splitFrames(body)
  if (rest.length > 0)
    throw new VeritrailError(
      'verification_failed',
      'The compressed data ends in the middle of a frame.',
    )
  return Buffer.concat(await Promise.all(frames.map((f) => decompressFrame(f))))
}

/** `sealFile` for several files, one after another (one worker thread for a whole set). */
export async function sealFiles(
  jobs: { src: SealSource; dest: string; compression: Compression }[],
  recipients: string[],
  progress?: (bytes: number) => void,
): Promise<Sealed[]> {
  const out: Sealed[] = []
  let done = 0
  for (const job of jobs) {
    const sealed = await sealFile(
      job.src,
      job.dest,
      recipients,
      job.compression,
      progress && ((n) => progress(done + n)),
    )
    done += sealed.plain.bytes
    out.push(sealed)
  }
  return out
}

/** `openSealedFile` for several files (restores, verification). */
export async function openSealedFiles(
  jobs: { src: string; dest: string | null; compression: Compression; expect?: string }[],
  identities: string[],
  progress?: (bytes: number) => void,
): Promise<Sealed[]> {
  const out: Sealed[] = []
  let done = 0
  for (const job of jobs) {
    const opened = await openSealedFile(
      job.src,
      job.dest,
      identities,
      job.compression,
      job.expect,
      progress && ((n) => progress(done + n)),
    )
    done += opened.plain.bytes
    out.push(opened)
  }
  return out
}

/** Opens each sealed file to its plaintext hash; per file, null when sound, else why not. */
export async function checkSealedFiles(
  jobs: { src: string; compression: Compression; expect: string }[],
  identities: string[],
): Promise<(string | null)[]> {
  const out: (string | null)[] = []
  for (const job of jobs) {
    try {
      await openSealedFile(job.src, null, identities, job.compression, job.expect)
      out.push(null)
    } catch (error) {
      out.push((error as Error).message)
    }
  }
  return out
}

/** Where these functions live, for `runInWorker`. */
export const SEAL_MODULE = new URL(import.meta.url)
