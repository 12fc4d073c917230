import { createHash } from 'node:crypto'
import { canonicalJson, type JsonValue } from '../canonical/canonical-json.js'

/**
 * The content hash of one record version: hex SHA-256 of RFC 8785 `{type, id, version, data}`
 * (`data` null for a tombstone). Entries and signatures carry it (CONTRACT §6).
 */
export function recordHash(type: string, id: string, version: number, data: JsonValue | null): string {
  return createHash('sha256').update(canonicalJson({ type, id, version, data })).digest('hex')
}

/**
 * The same from `data` already in canonical form (as stored in a version row), without parsing
 * and re-serialising it: `{"data":…,"id":…,"type":…,"version":…}` is the RFC 8785 key order.
 */
export function recordHashOfCanonical(type: string, id: string, version: number, canonicalData: string | null): string {
  const head = canonicalJson({ id, type, version })
  return createHash('sha256').update(`{"data":${canonicalData ?? 'null'},${head.slice(1)}`).digest('hex')
}
