import type { JsonValue } from '../../canonical/canonical-json.js'
import type { StoredRecordType } from '../../extension/exception-rule.js'
import type { Locale, LocalizedText } from '../../extension/i18n.js'
import type { FieldDefinition } from '../../extension/record-type.js'
import { ACCOUNT_TARGET } from '../../identity/account.js'
import { ROLE_LABELS } from '../../identity/roles.js'
import { SETTING_LABELS } from '../../settings/schema.js'
import type { Actor, Entry, EntryReason, EntryTarget, FieldChange } from '../../ledger/entry.js'

// Building blocks of findings' sentences, shared by the declarative engine and code rules, so
// every finding names people, fields and values the same way a reviewer reads them on paper.

const EMPTY: LocalizedText = { en: '(empty)', 'zh-CN': '（空）' }
const YES: LocalizedText = { en: 'yes', 'zh-CN': '是' }
const NO: LocalizedText = { en: 'no', 'zh-CN': '否' }
const SYSTEM_ROLE: LocalizedText = { en: 'System', 'zh-CN': '系统' }
const MAX_TEXT = 80

function clip(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text
}

/**
 * A value as a reviewer reads it: measured values with their unit, enum values by their label,
 * booleans as yes/no, text in quotes, nothing as “(empty)”.
 *
 * @example
 * formatFieldValue('15.0', { kind: 'decimal', unit: 'min', label }, 'en') // '15.0 min'
 */
export function formatFieldValue(value: JsonValue | undefined, field: FieldDefinition | undefined, locale: Locale): string {
  if (value === undefined || value === null || value === '') return EMPTY[locale]
  if (typeof value === 'boolean') return (value ? YES : NO)[locale]
  if (Array.isArray(value)) {
    const shown = value.slice(0, 5).map((item) => formatFieldValue(item, field?.kind === 'list' ? undefined : field, locale))
    return value.length > 5 ? `${shown.join(', ')}, … (${value.length})` : shown.join(', ')
  }
  if (typeof value === 'object') return clip(JSON.stringify(value))
  const option = field?.options?.find((o) => o.value === value)
  if (option) return option.label[locale]
  if (typeof value === 'number' || ['decimal', 'number', 'integer'].includes(field?.kind ?? '')) {
    return field?.unit ? `${value} ${field.unit}` : String(value)
  }
  return `“${clip(value)}”`
}

/** The field's (or setting's) label in `locale`, falling back to the label frozen in the entry. */
export function changedFieldLabel(type: StoredRecordType | undefined, change: FieldChange, locale: Locale): string {
  if (type) return type.fields[change.field]?.label[locale] ?? change.label
  return SETTING_LABELS[change.field]?.[locale] ?? change.label
}

/** `“Sterilisation time” 15.0 min → 12.5 min; “Remarks” (empty) → “ok”` */
export function describeChanges(changes: readonly FieldChange[], type: StoredRecordType | undefined, locale: Locale): string {
  return changes
    .map((c) => {
      const field = type?.fields[c.field]
      return `“${changedFieldLabel(type, c, locale)}” ${formatFieldValue(c.old, field, locale)} → ${formatFieldValue(c.new, field, locale)}`
    })
    .join(locale === 'en' ? '; ' : '；')
}

/** A role code as people name it. */
export function roleLabel(role: string, locale: Locale): string {
  if (role === 'system') return SYSTEM_ROLE[locale]
  return (ROLE_LABELS as Record<string, LocalizedText | undefined>)[role]?.[locale] ?? role
}

/** `Li Na (li.na, Operator)` / `Li Na（li.na，操作员）` */
export function actorText(actor: Actor, locale: Locale): string {
  const role = roleLabel(actor.role, locale)
  return locale === 'en' ? `${actor.displayName} (${actor.username}, ${role})` : `${actor.displayName}（${actor.username}，${role}）`
}

/**
 * How a person names a record: its type's title and the type's summary template filled from the
 * data, e.g. `Production batch “PK01-2401-0001 · PK-01”`; the id's tail when there is no summary.
 */
export function recordLabel(
  type: StoredRecordType | undefined,
  target: Pick<EntryTarget, 'type' | 'id'>,
  data: { [key: string]: JsonValue } | null | undefined,
): LocalizedText {
  const summary = type?.summary && data ? fillSummary(type.summary, data) : ''
  const name = summary || `…${target.id.slice(-8)}`
  return {
    en: `${type?.title.en ?? target.type} “${name}”`,
    'zh-CN': `${type?.title['zh-CN'] ?? target.type}“${name}”`,
  }
}

function fillSummary(template: string, data: { [key: string]: JsonValue }): string {
  const filled = template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = data[key]
    return typeof value === 'string' || typeof value === 'number' ? String(value) : ''
  })
  return clip(filled.replace(/^[\s·,|-]+|[\s·,|-]+$/g, ''))
}

const ACTION_TEXT: Partial<Record<string, LocalizedText>> = {
  create: { en: 'created', 'zh-CN': '创建了' },
  update: { en: 'changed', 'zh-CN': '修改了' },
  delete: { en: 'deleted', 'zh-CN': '删除了' },
  transition: { en: 'changed the state of', 'zh-CN': '变更了状态：' },
  ingest: { en: 'imported', 'zh-CN': '导入了' },
  sign: { en: 'signed', 'zh-CN': '签署了' },
  review: { en: 'reviewed', 'zh-CN': '审核了' },
  config_change: { en: 'changed the configuration', 'zh-CN': '修改了系统配置' },
}

/** An action as a verb phrase (`changed`, `修改了`); the action code when there is none. */
export function actionText(action: string, locale: Locale): string {
  return ACTION_TEXT[action]?.[locale] ?? action
}

const NO_REASON: LocalizedText = { en: 'none given', 'zh-CN': '未填写' }

/** A reason as given: the predefined reason's label in `locale`, then the free text in quotes. */
export function reasonText(reason: EntryReason | undefined, type: StoredRecordType | undefined, locale: Locale): string {
  const predefined = reason?.code ? type?.reasons.find((r) => r.code === reason.code) : undefined
  const name = predefined?.label[locale] ?? reason?.label ?? reason?.code
  const text = reason?.text ? `“${reason.text}”` : undefined
  const parts = [name, text].filter((p): p is string => p !== undefined)
  return parts.length > 0 ? parts.join(locale === 'en' ? ': ' : '：') : NO_REASON[locale]
}

const CONFIGURATION: LocalizedText = { en: 'the system configuration', 'zh-CN': '系统配置' }

/** What a system-trail entry is about: the configuration, or the account it names. */
export function systemRecordLabel(entry: Entry): LocalizedText | undefined {
  if (entry.action === 'config_change') return CONFIGURATION
  const username = entry.details?.username
  if (entry.target?.type === ACCOUNT_TARGET || typeof username === 'string') {
    const name = typeof username === 'string' ? username : `…${entry.target!.id.slice(-8)}`
    return { en: `the account “${name}”`, 'zh-CN': `账户“${name}”` }
  }
  return undefined
}
