import { formatLocalTime } from '@veritrail/ui'
import type { Locale } from '../api/client.ts'
import type { Entry } from '../api/types.ts'
import { locale } from '../i18n/i18n.ts'
import { actionText, changesSummary, clip, reasonText, roleText, targetText } from './entry-text.ts'

/** What one list row shows of an entry: plain text, computed once per entry and language. */
export interface RowSummary {
  time: string
  action: string
  target: string
  seq: number
  who: string
  changes: string
  reason: string
}

/** A row is one line wide: text beyond this is never seen, but would still be laid out. */
const LINE_CHARS = 160

const cache = new WeakMap<Entry, { locale: Locale; row: RowSummary }>()

/**
 * The row of `entry` in the reader's language. Entries never change, so the text is made once
 * (scrolling back draws the row again from the cache) and cut to what a line can show.
 */
export function rowSummary(entry: Entry): RowSummary {
  const loc = locale()
  const hit = cache.get(entry)
  if (hit && hit.locale === loc) return hit.row
  const reason = reasonText(entry)
  const row: RowSummary = {
    time: formatLocalTime(entry.ts, loc),
    action: actionText(entry),
    target: clip(targetText(entry), LINE_CHARS / 2),
    seq: entry.seq,
    who: `${entry.actor.displayName} (${roleText(entry)})`,
    changes: entry.changes?.length ? clip(changesSummary(entry), LINE_CHARS) : '',
    reason: reason ? clip(`“${reason}”`, LINE_CHARS) : '',
  }
  cache.set(entry, { locale: loc, row })
  return row
}
