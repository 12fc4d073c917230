import { join } from 'node:path'
import { AttachmentService } from '../attachments/attachments.js'
import type { Ledger } from '../ledger/ledger.js'
import { connectReadOnly } from '../store/libsql/connect.js'
import { LibsqlReads } from '../store/libsql/reads.js'
import { lastEntryTimeZone } from '../store/queries/export.js'
import { readSignerKey } from './manifest-signing.js'
import type { ExportIo } from './stream.js'

/** Where an export job finds the installation. */
export interface ExportSite {
  dataDir: string
  dbUrl: string
  installId: string
}

/**
 * Opens what an export reads with, apart from the server's connections: a read-only database
 * connection of its own (WAL readers never block the writer; the export pages, so it never holds
 * a read transaction long), the attachment store, and the checkpoint key for the manifest.
 * Runs `work` and closes the connection.
 */
export async function withExportIo<T>(site: ExportSite, io: Pick<ExportIo, 'signal' | 'sink' | 'onProgress'>, work: (io: ExportIo) => Promise<T>): Promise<T> {
  const signer = readSignerKey(site.dataDir, site.installId)
  const connection = await connectReadOnly(site.dbUrl)
  try {
    const reads = new LibsqlReads(connection)
    // Only `open` is used: it reads the catalogue and the blob, and never the ledger.
    const attachments = new AttachmentService(undefined as unknown as Ledger, reads, join(site.dataDir, 'attachments'))
    return await work({ ...io, reads, signer, openAttachment: (sha256) => attachments.open(sha256) })
  } finally {
    connection.close()
  }
}

/**
 * The site time zone an installation last ran with (read-only), so a command that opens the core
 * beside a running server (`veritrail export`) opens it in the same zone instead of recording a
 * time-zone change.
 */
export async function recordedTimeZone(site: Omit<ExportSite, 'installId'>): Promise<string | undefined> {
  const connection = await connectReadOnly(site.dbUrl)
  try {
    return (await lastEntryTimeZone(new LibsqlReads(connection).sql)) ?? undefined
  } finally {
    connection.close()
  }
}
