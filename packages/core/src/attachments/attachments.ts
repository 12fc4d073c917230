import { createHash, randomUUID } from 'node:crypto'
import { closeSync, createReadStream, existsSync, fsyncSync, mkdirSync, openSync, renameSync, statSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import { VeritrailError } from '../errors.js'
import type { ActionContext } from '../ledger/context.js'
import type { EntryDraft } from '../ledger/entry.js'
import type { Ledger } from '../ledger/ledger.js'
import { attachmentsByHash, type AttachmentRow } from '../store/queries/attachments.js'
import type { StoreReads } from '../store/types.js'

const MEDIA_TYPE = /^[a-z0-9!#$&^_.+-]{1,64}\/[a-z0-9!#$&^_.+-]{1,64}(\s*;\s*[a-z0-9!#$&^_.+-]+=("[^"]*"|[a-z0-9!#$&^_.+-]+))*$/i

export interface AttachmentInfo {
  sha256: string
  size: number
  mediaType: string
  filename: string | null
  /** True when this upload stored the blob; false when the same bytes were already held. */
  created: boolean
}

/**
 * Content-addressed, immutable attachments (ARCHITECTURE §3): stored once under their SHA-256
 * below `<data>/attachments/`, written and fsynced before the row and its `attachment_add`
 * entry commit; the same bytes uploaded again are the same attachment.
 */
export class AttachmentService {
  constructor(
    private readonly ledger: Ledger,
    private readonly reads: StoreReads,
    readonly dir: string,
  ) {}

  /** Path of a blob (`<dir>/<first two hex digits>/<sha256>`). */
  path(sha256: string): string {
    return join(this.dir, sha256.slice(0, 2), sha256)
  }

  async put(bytes: Uint8Array, meta: { mediaType?: string; filename?: string }, ctx: ActionContext): Promise<AttachmentInfo> {
    const mediaType = meta.mediaType?.trim() || 'application/octet-stream'
    if (!MEDIA_TYPE.test(mediaType)) {
      throw new VeritrailError('validation_failed', `“${mediaType}” is not a media type such as application/pdf.`, { errors: [{ path: 'content-type', message: 'A media type.' }] })
    }
    const filename = meta.filename?.trim() ? meta.filename.trim().slice(0, 255) : null
    if (filename !== null && (!filename.isWellFormed() || /[\u0000-\u001f/\\]/.test(filename))) {
      throw new VeritrailError('validation_failed', 'A file name may not contain slashes or control characters.', { errors: [{ path: 'filename', message: 'Invalid file name.' }] })
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex')
    const known = await this.info(sha256)
    if (known) return { ...known, created: false }
    this.#writeBlob(sha256, bytes)
    return this.ledger.commit<AttachmentInfo>(async (tx) => {
      const [existing] = await attachmentsByHash(tx.sql, [sha256])
      if (existing) return { entries: [], result: () => ({ ...view(existing), created: false }) }
      const entry: EntryDraft = {
        trail: 'system',
        actor: ctx.actor,
        action: 'attachment_add',
        correlationId: ctx.correlationId,
        client: ctx.client,
        details: { sha256, size: bytes.byteLength, mediaType, ...(filename ? { filename } : {}) },
      }
      if (ctx.session) entry.session = ctx.session
      return {
        entries: [entry],
        rows: ([c]) => ({ attachments: [{ sha256, size: bytes.byteLength, mediaType, filename, seq: c!.seq, ts: c!.ts, actorId: ctx.actor.id }] }),
        result: () => ({ sha256, size: bytes.byteLength, mediaType, filename, created: true }),
      }
    })
  }

  async info(sha256: string): Promise<Omit<AttachmentInfo, 'created'> | null> {
    if (!/^[0-9a-f]{64}$/.test(sha256)) return null
    const [row] = await attachmentsByHash(this.reads.sql, [sha256])
    return row ? view(row) : null
  }

  /** The blob's bytes as a stream, after checking they still hash to their name. */
  async open(sha256: string): Promise<{ info: Omit<AttachmentInfo, 'created'>; stream: Readable }> {
    const info = await this.info(sha256)
    const path = this.path(sha256)
    if (!info || !existsSync(path)) throw new VeritrailError('not_found', `There is no attachment ${sha256}.`)
    if (statSync(path).size !== info.size) throw new VeritrailError('verification_failed', `The stored file of attachment ${sha256} has the wrong size: it was damaged.`)
    return { info, stream: createReadStream(path) }
  }

  /** Writes the blob durably: a temporary file, fsync, rename, fsync of the directory. */
  #writeBlob(sha256: string, bytes: Uint8Array): void {
    const target = this.path(sha256)
    if (existsSync(target) && statSync(target).size === bytes.byteLength) return
    const folder = join(this.dir, sha256.slice(0, 2))
    mkdirSync(folder, { recursive: true })
    const tmp = join(folder, `.${randomUUID()}.tmp`)
    const fd = openSync(tmp, 'wx', 0o440)
    try {
      writeSync(fd, bytes)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    renameSync(tmp, target)
    const dirFd = openSync(folder, 'r')
    try {
      fsyncSync(dirFd)
    } finally {
      closeSync(dirFd)
    }
  }
}

function view(row: AttachmentRow): Omit<AttachmentInfo, 'created'> {
  return { sha256: row.sha256, size: row.size, mediaType: row.mediaType, filename: row.filename }
}
