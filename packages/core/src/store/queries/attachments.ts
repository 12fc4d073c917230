import type { ReadExecutor } from '../types.js'

export interface AttachmentRow {
  sha256: string
  size: number
  mediaType: string
  filename: string | null
  seq: number
  ts: string
  actorId: string
}

export async function attachmentsByHash(db: ReadExecutor, hashes: string[]): Promise<AttachmentRow[]> {
  if (hashes.length === 0) return []
  const rows = await db.select(
    `SELECT sha256, size, media_type, filename, seq, ts, actor_id FROM attachments WHERE sha256 IN (${hashes.map(() => '?').join(',')})`,
    hashes,
  )
  return rows.map((r) => ({ sha256: String(r[0]), size: Number(r[1]), mediaType: String(r[2]), filename: (r[3] as string | null) ?? null, seq: Number(r[4]), ts: String(r[5]), actorId: String(r[6]) }))
}
