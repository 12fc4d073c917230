import { createHash } from 'node:crypto'
import { Readable, Transform } from 'node:stream'
import yazl from 'yazl'
import type { ExportContext } from '@veritrail/core'

/** A file in the package with its SHA-256 and size, for the manifest. */
export interface PackageFile {
  name: string
  sha256: string
  size: number
}

/**
 * Writes the package zip to the export context as it is produced (yazl streams; a zip is laid
 * out file after file). Every file is hashed as yazl reads it. `room()` waits until yazl has
 * taken all but `ahead` of the queued files, which bounds what is held in memory: the caller
 * queues a segment, then waits for room before building the next.
 */
export class PackageZip {
  readonly files: PackageFile[] = []
  readonly #zip = new yazl.ZipFile()
  readonly #mtime: Date
  readonly #pump: Promise<void>
  #queued = 0
  #taken = 0
  #wake: (() => void) | undefined

  constructor(ctx: ExportContext) {
    this.#mtime = new Date(ctx.meta.generatedAt)
    const output = this.#zip.outputStream
    this.#pump = (async () => {
      for await (const chunk of output as AsyncIterable<Buffer>) await ctx.write(chunk)
    })()
    // A failure is reported by `close`; until then keep it from going unhandled.
    this.#pump.catch(() => undefined)
  }

  /** Queues a file whose bytes are in memory; `listed: false` keeps it out of `files`. */
  addBuffer(name: string, bytes: Buffer | string, options: { listed?: boolean } = {}): void {
    const buffer = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes
    if (options.listed !== false) this.files.push({ name, sha256: createHash('sha256').update(buffer).digest('hex'), size: buffer.byteLength })
    this.#queue(name, () => Promise.resolve(Readable.from([buffer])))
  }

  /** Queues a file read from a stream opened only when yazl is ready for it. */
  addStream(name: string, open: () => Promise<Readable>): void {
    const file: PackageFile = { name, sha256: '', size: 0 }
    this.files.push(file)
    this.#queue(name, async () => {
      const hash = createHash('sha256')
      const counted = new Transform({
        transform(chunk: Buffer, _enc, done) {
          hash.update(chunk)
          file.size += chunk.byteLength
          done(null, chunk)
        },
        flush(done) {
          file.sha256 = hash.digest('hex')
          done()
        },
      })
      return (await open()).pipe(counted)
    })
  }

  /** Waits until at most `ahead` queued files are still waiting to be read by yazl. */
  async room(ahead = 0): Promise<void> {
    while (this.#queued - this.#taken > ahead) await new Promise<void>((resolve) => (this.#wake = resolve))
  }

  /** Finishes the zip (after every queued file) and waits until all of it has been written. */
  async close(): Promise<void> {
    await this.room(0)
    this.#zip.end()
    await this.#pump
  }

  /** Stops writing after a failure; nothing more reaches the context. */
  abort(): void {
    (this.#zip.outputStream as Readable).destroy()
  }

  #queue(name: string, opener: () => Promise<Readable>): void {
    this.#queued++
    // yazl keeps every entry's callback until the end (for the central directory): let go of
    // the opener, and with it the file's bytes, once it has been called.
    let open: (() => Promise<Readable>) | undefined = opener
    this.#zip.addReadStreamLazy(name, { mtime: this.#mtime, mode: 0o100644 }, (callback) => {
      const take = open!
      open = undefined
      take().then(
        (stream) => {
          stream.once('end', () => {
            this.#taken++
            this.#wake?.()
          })
          callback(null, stream)
        },
        (error: Error) => callback(error, undefined as unknown as Readable),
      )
    })
  }
}
