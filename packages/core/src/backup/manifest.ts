import * as v from 'valibot'
import { VeritrailError } from '../errors.js'

/** The manifest format written into every backup set. */
export const MANIFEST_FORMAT = 'veritrail-backup/1'

const Digest = v.strictObject({
  sha256: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)),
  bytes: v.pipe(v.number(), v.integer(), v.minValue(0)),
})
const TrailHead = v.strictObject({
  size: v.pipe(v.number(), v.integer(), v.minValue(0)),
  rootHash: v.string(),
})
const Trails = v.strictObject({ data: TrailHead, system: TrailHead })

/** One stored object of a set: what it is, and the digests of its plaintext and ciphertext. */
export const ManifestObjectSchema = v.strictObject({
  /** Name relative to the set's folder (attachments: `../../attachments/<sha256>.zst.age`). */
  path: v.string(),
  role: v.picklist(['database', 'wal', 'key', 'attachment']),
  compression: v.picklist(['zstd', 'none']),
  plain: Digest,
  cipher: Digest,
  /** WAL segments: the chain position this segment ends at, and its WAL header. */
  position: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  wal: v.optional(
    v.strictObject({
      salt1: v.number(),
      salt2: v.number(),
      frames: v.number(),
      pageSize: v.number(),
      truncated: v.boolean(),
    }),
  ),
  /** Points a segment reaches: trail sizes and roots after applying it. */
  trails: v.optional(Trails),
})

/**
 * A backup set's manifest (encrypted as `manifest.json.age`; the catalog keeps a copy). A full
 * set is the base of a chain at `position.to`; an incremental set holds segments
 * `position.from + 1 … position.to` and names the set it continues (`previous`).
 */
export const ManifestSchema = v.strictObject({
  format: v.literal(MANIFEST_FORMAT),
  id: v.string(),
  kind: v.picklist(['full', 'incremental']),
  /** How the database object was made: a page-identical copy (a chain base) or `VACUUM INTO`. */
  snapshot: v.optional(v.picklist(['page-copy', 'vacuum'])),
  createdAt: v.string(),
  installId: v.string(),
  epoch: v.number(),
  coreVersion: v.string(),
  schema: v.strictObject({ migrations: v.number(), latest: v.string() }),
  target: v.string(),
  generation: v.string(),
  position: v.strictObject({ from: v.number(), to: v.number() }),
  base: v.string(),
  previous: v.nullable(v.string()),
  /** Reason an incremental request became a full backup. */
  promoted: v.optional(v.string()),
  recipients: v.array(v.string()),
  trails: Trails,
  checkpoints: v.array(v.string()),
  objects: v.array(ManifestObjectSchema),
})

export type Manifest = v.InferOutput<typeof ManifestSchema>
export type ManifestObject = v.InferOutput<typeof ManifestObjectSchema>

/** Parses a manifest; `verification_failed` when it is not one. */
export function parseManifest(text: string): Manifest {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new VeritrailError('verification_failed', 'The backup manifest is not JSON.')
  }
  const parsed = v.safeParse(ManifestSchema, json)
  if (!parsed.success) {
    throw new VeritrailError(
      'verification_failed',
      `The backup manifest is not valid: ${v.getDotPath(parsed.issues[0]) ?? ''} ${parsed.issues[0].message}`,
    )
  }
  return parsed.output
}

/**
 * `SHA256SUMS` as `sha256sum` writes and `sha256sum -c` reads it: `<hex>  <path>` per line, over
 * the stored (encrypted) bytes of every other object of the set.
 */
export function formatSums(entries: { path: string; sha256: string }[]): string {
  return entries.map((e) => `${e.sha256}  ${e.path}\n`).join('')
}

export function parseSums(text: string): { path: string; sha256: string }[] {
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((line) => {
      const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line)
      if (!m)
        throw new VeritrailError(
          'verification_failed',
          `SHA256SUMS has a malformed line: ${line.slice(0, 80)}`,
        )
      return { sha256: m[1]!, path: m[2]! }
    })
}
