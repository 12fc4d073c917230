import type { Readable } from 'node:stream'
import yauzl from 'yauzl'
import { VeritrailError } from '@veritrail/core'

/**
 * Random access to the files of a zip (yauzl, read from the central directory; nothing is
 * unpacked to disk). A name present twice is kept as a problem: a zip tool and the verifier
 * could otherwise read different copies.
 */
export class PackageReader {
  readonly duplicates: string[] = []

  private constructor(
    private readonly zip: yauzl.ZipFile,
    private readonly entries: Map<string, yauzl.Entry>,
  ) {}

  /**
   * Opens a zip file and reads its directory.
   *
   * @throws VeritrailError `unreadable` when the file is missing or not a readable zip.
   */
  static async open(path: string): Promise<PackageReader> {
    const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
      yauzl.open(path, { lazyEntries: true, autoClose: false, strictFileNames: true }, (error, file) => (error ? reject(unreadable(path, error)) : resolve(file))),
    )
    const entries = new Map<string, yauzl.Entry>()
    const reader = new PackageReader(zip, entries)
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entries.has(entry.fileName)) reader.duplicates.push(entry.fileName)
        else if (!entry.fileName.endsWith('/')) entries.set(entry.fileName, entry)
        zip.readEntry()
      })
      zip.on('end', () => resolve())
      zip.on('error', (error: Error) => reject(unreadable(path, error)))
      zip.readEntry()
    })
    return reader
  }

  /** File names, in the zip's order. */
  names(): string[] {
    return [...this.entries.keys()]
  }

  has(name: string): boolean {
    return this.entries.has(name)
  }

  /** A file's bytes as a stream (checked against its CRC-32 by yauzl as it is read). */
  async stream(name: string): Promise<Readable> {
    const entry = this.entries.get(name)
    if (!entry) throw new VeritrailError('not_found', `The package holds no ${name}.`)
    return new Promise<Readable>((resolve, reject) => this.zip.openReadStream(entry, (error, stream) => (error ? reject(error) : resolve(stream))))
  }

  /** A small file's text (at most `max` bytes). */
  async text(name: string, max = 64 * 1024 * 1024): Promise<string> {
    const chunks: Buffer[] = []
    let size = 0
    for await (const chunk of await this.stream(name)) {
      size += (chunk as Buffer).byteLength
      if (size > max) throw new VeritrailError('verification_failed', `${name} is larger than ${max} bytes.`)
      chunks.push(chunk as Buffer)
    }
    return Buffer.concat(chunks).toString('utf8')
  }

  close(): void {
    this.zip.close()
  }
}

function unreadable(path: string, error: Error): VeritrailError {
  return new VeritrailError('unreadable', `${path} cannot be read as a zip file: ${error.message}`, { cause: error })
}

/** The lines of a stream as raw bytes, without their newline (the bytes an entry was hashed as). */
export async function* byteLines(stream: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let rest: Buffer = Buffer.alloc(0)
  for await (const chunk of stream) {
    let data = rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk
    let at: number
    while ((at = data.indexOf(0x0a)) >= 0) {
      yield data.subarray(0, at)
      data = data.subarray(at + 1)
    }
    rest = Buffer.from(data)
  }
  if (rest.length > 0) yield rest
}
