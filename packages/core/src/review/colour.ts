import type { RecordTypeRegistry } from '../extension/record-type.js'
import type { Entry } from '../ledger/entry.js'

/** Review-by-exception colours (issue 5): nothing changed, a change, or a deletion / critical change. */
export type EntryColour = 'none' | 'change' | 'critical'

export function entryColour(entry: Entry, registry: RecordTypeRegistry, flagged: boolean): EntryColour {
  if (flagged || entry.action === 'delete' || entry.action === 'clock_change' || entry.action === 'lock') return 'critical'
  if (!entry.changes?.length) return 'none'
  const type = entry.target ? registry.get(entry.target.type) : undefined
  const critical = entry.action !== 'create' && entry.changes.some((c) => type?.fields[c.field]?.critical !== undefined && c.old !== undefined)
  return critical ? 'critical' : 'change'
}
