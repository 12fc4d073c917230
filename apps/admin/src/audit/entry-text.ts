import { formatValue, type ValueText } from '@veritrail/ui'
import type { Entry, FieldChange } from '../api/types.ts'
import { t } from '../i18n/i18n.ts'
import { actionLabel, roleLabel } from '../i18n/vocabulary.ts'
import { recordTypeById } from '../records/record-types.ts'
import type { ExceptionClass } from './exception.ts'

export const valueText = (): ValueText => ({ yes: t('yes'), no: t('no'), empty: t('empty') })

/** What happened, in words (the server's display label first). */
export function actionText(entry: Entry): string {
  return entry.display?.action ?? actionLabel(entry.action)
}

export function roleText(entry: Entry): string {
  return entry.display?.role ?? roleLabel(entry.actor.role)
}

/** The field's label in the reader's language, else the label frozen in the entry. */
export function fieldText(entry: Entry, field: string, frozen: string): string {
  return entry.display?.fields?.[field] ?? frozen
}

/** The reason as a sentence: the predefined reason's label and the free text. */
export function reasonText(entry: Entry): string | undefined {
  const r = entry.reason
  if (!r) return undefined
  const label = entry.display?.reason ?? r.label
  return [label, r.text].filter(Boolean).join(' — ') || undefined
}

/** Longest value a one-line summary shows; the detail pane shows it whole. */
const VALUE_CHARS = 40

/** `text` cut to `max` characters with an ellipsis. */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

/** A value for one line: lists are cut before they are formatted (a table field may hold hundreds of rows). */
function lineValue(value: FieldChange['old']): string {
  const head = Array.isArray(value) && value.length > 3 ? value.slice(0, 3) : value
  const text = formatValue(head, valueText()).replaceAll('\n', ', ')
  return clip(head === value ? text : `${text}, …`, VALUE_CHARS)
}

/** `Sterilisation hold time: 15.0 → 18.5; Remarks: …` for the one-line summary. */
export function changesSummary(entry: Entry, max = 3): string {
  const changes = entry.changes ?? []
  const parts = changes.slice(0, max).map((c) => {
    const label = fieldText(entry, c.field, c.label)
    return c.old === undefined
      ? `${label}: ${lineValue(c.new)}`
      : `${label}: ${lineValue(c.old)} → ${lineValue(c.new)}`
  })
  if (changes.length > max) parts.push(`+${changes.length - max}`)
  return parts.join('; ')
}

/** What the entry is about: `Process recipe, version 2` or `User account olivia`. */
export function targetText(entry: Entry): string {
  if (!entry.target) return ''
  const type = entry.display?.recordType ?? recordTypeById(entry.target.type)?.title ?? ''
  if (entry.target.type === 'veritrail.account') {
    const account = entry.details?.account
    return typeof account === 'string' ? `${type} ${account}` : type
  }
  return `${type} · ${t('recordVersion', { version: entry.target.version })}`
}

export function exceptionLabel(kind: ExceptionClass): string {
  return t(
    kind === 'critical'
      ? 'exceptionCritical'
      : kind === 'change'
        ? 'exceptionChange'
        : 'exceptionNone',
  )
}

export const exceptionTone = (kind: ExceptionClass) =>
  kind === 'critical' ? 'critical' : kind === 'change' ? 'change' : 'neutral'
