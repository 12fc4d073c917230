import {
  actorText,
  type Action,
  describeChanges,
  reasonText,
  type Entry,
  type Locale,
  type LocalizedText,
  type StoredRecordType,
} from '@veritrail/core'

/** Data-trail actions that can change a record's content after it exists. */
export const CONTENT_CHANGES: Action[] = ['update', 'delete', 'transition', 'ingest']
export const CONTENT_ACTIONS: ReadonlySet<string> = new Set(CONTENT_CHANGES)

const hasValue = (value: unknown) => value !== undefined && value !== null && value !== ''

/**
 * Whether an entry changes what a signature or review vouched for. A delete does; a lifecycle
 * move alone does not (approving after review is how it is meant to work), nor does a state
 * move that only fills in fields still empty (recording an abort reason with the abort). Every
 * other change does.
 */
export function changesContent(entry: Entry, type: StoredRecordType | undefined): boolean {
  if (entry.action === 'delete') return true
  const lifecycle = type?.lifecycle?.field
  const changes = entry.changes ?? []
  const content = changes.filter((c) => c.field !== lifecycle)
  if (content.length === 0) return false
  const movesState = content.length < changes.length
  return !movesState || content.some((c) => hasValue(c.old))
}

/** “Li Na (li.na, Operator) deleted” / “… changed …: changes” — the first half of a sentence. */
export function whatHappened(entry: Entry, type: StoredRecordType | undefined, record: LocalizedText, locale: Locale): string {
  const who = actorText(entry.actor, locale)
  if (entry.action === 'delete') return locale === 'en' ? `${who} deleted ${record.en}` : `${who}删除了${record['zh-CN']}`
  const changes = describeChanges(entry.changes ?? [], type, locale)
  return locale === 'en' ? `${who} changed ${record.en} (${changes})` : `${who}修改了${record['zh-CN']}（${changes}）`
}

/** The reason clause that ends every finding of these rules. */
export function reasonClause(entry: Entry, type: StoredRecordType | undefined, locale: Locale): string {
  return locale === 'en' ? `Reason given: ${reasonText(entry.reason, type, locale)}.` : `所填原因：${reasonText(entry.reason, type, locale)}。`
}
