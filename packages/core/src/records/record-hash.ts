import { createHash } from 'node:crypto'
import { canonicalJson, type JsonValue } from '../canonical/canonical-json.js'

/**
 * The content hash of one record version: hex SHA-256 of RFC 8785 `{type, id, version, data}`
 * (`data` null for a tombstone). Entries and signatures carry it (CONTRACT §6).
 */
export function recordHash(type: string, id: string, version: number, data: JsonValue | null): string {
  return createHash('sha256').update(canonicalJson({ type, id, version, data })).digest('hex')
}
