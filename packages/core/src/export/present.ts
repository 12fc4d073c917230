import { canonicalJson, type JsonValue } from '../canonical/canonical-json.js'
import { actionLabel } from '../audit/labels.js'
import type { StoredRecordType } from '../extension/exception-rule.js'
import type { Locale, LocalizedText } from '../extension/i18n.js'
import type { FieldDefinition } from '../extension/record-type.js'
import { ACCOUNT_TARGET } from '../identity/account.js'
import type { Entry, Trail } from '../ledger/entry.js'
import { changedFieldLabel, formatFieldValue, roleLabel } from '../review/rules/text.js'
import { zoneOffset } from '../review/rules/site-time.js'
import { MEANING_LABELS, isMeaning } from '../signatures/meanings.js'

/** A moment as a printout states it (R-TS-02): local wall time with its zone, and UTC. */
export interface TimeView {
  /** ISO 8601 UTC, as stored. */
  utc: string
  /** `YYYY-MM-DD HH:MM:SS` on the wall clock of `zone`. */
  local: string
  zone: string
  /** `+08:00` */
  offset: string
}

/** One field of a change, with values as a reader reads them (units, option labels). */
export interface ChangeView {
  field: string
  label: string
  old: string
  new: string
}

/** An entry as people read it: labels in one locale, never codes where a label exists. */
export interface EntryView {
  trail: Trail
  seq: number
  time: TimeView
  actor: { name: string; username: string; role: string; system: boolean }
  action: string
  record?: { type: string; title: string; id: string; version: number }
  changes: ChangeView[]
  reason?: { label?: string; text?: string }
  /** The signature manifestation (Part 11 §11.50) of a `sign` or signed `review` entry. */
  signature?: { meaning: string; signer: string }
  authorizer?: string
  source?: { system: string; user: string; time: TimeView; ref: string }
  /** The content a deleted record had (R-AT-05), field by field. */
  snapshot: { label: string; value: string }[]
  /** Other facts of the entry (system events), with readable names. */
  details: { label: string; value: string }[]
  /** The record's version is later than its original entry (R-EX-06). */
  modifiedAfterEntry: boolean
}

/** Looks up the stored definition a record version was written under. */
export type RecordTypeLookup = (type: string, version: string) => StoredRecordType | undefined

const ACCOUNT: LocalizedText = { en: 'User account', 'zh-CN': '用户账户' }
const EMPTY: LocalizedText = { en: '(empty)', 'zh-CN': '（空）' }

/**
 * Presents an entry in `locale` (R-EX-02): action, role, record type, field and reason labels from
 * the record type version the entry was written under (falling back to the labels frozen in the
 * entry), values with their units and option labels, and times in the entry's own zone and UTC.
 *
 * @example
 * const view = describeEntry(entry, 'zh-CN', facts?.recordType)
 * view.changes[0] // { label: '灭菌时间', old: '30 min', new: '25 min', … }
 */
export function describeEntry(entry: Entry, locale: Locale, recordType?: RecordTypeLookup): EntryView {
  const type = entry.target ? recordType?.(entry.target.type, entry.target.typeVersion) : undefined
  const field = (name: string) => type?.fields[name]
  const view: EntryView = {
    trail: entry.trail,
    seq: entry.seq,
    time: timeView(entry.ts, entry.tz),
    actor: {
      name: entry.actor.displayName,
      username: entry.actor.username,
      role: roleLabel(entry.actor.role, locale),
      system: entry.actor.type === 'system',
    },
    action: actionLabel(entry.action, locale),
    changes: (entry.changes ?? []).map((c) => ({
      field: c.field,
      label: changedFieldLabel(type, c, locale),
      old: exportValue(c.old, field(c.field), locale),
      new: exportValue(c.new, field(c.field), locale),
    })),
    snapshot: snapshotView(entry.snapshot, type, locale),
    details: [],
    modifiedAfterEntry: entry.target !== undefined && entry.target.version > 1 && entry.target.type !== ACCOUNT_TARGET,
  }
  if (entry.target) {
    const title = entry.target.type === ACCOUNT_TARGET ? ACCOUNT[locale] : (type?.title[locale] ?? entry.target.type)
    view.record = { type: entry.target.type, title, id: entry.target.id, version: entry.target.version }
  }
  if (entry.reason) {
    const predefined = entry.reason.code ? type?.reasons.find((r) => r.code === entry.reason!.code) : undefined
    const label = predefined?.label[locale] ?? entry.reason.label ?? entry.reason.code
    view.reason = { ...(label ? { label } : {}), ...(entry.reason.text ? { text: entry.reason.text } : {}) }
  }
  const signature = signatureOf(entry)
  if (signature) view.signature = { meaning: isMeaning(signature.meaning) ? MEANING_LABELS[signature.meaning][locale] : signature.meaning, signer: signature.signer }
  if (entry.authorizer) view.authorizer = `${entry.authorizer.displayName} (${entry.authorizer.username})`
  if (entry.source) view.source = { ...entry.source, time: timeView(entry.source.ts, entry.tz) }
  const shown = signature ? new Set(['meaning', 'signer', 'signature']) : new Set<string>()
  for (const [key, value] of Object.entries(entry.details ?? {})) {
    if (!shown.has(key)) view.details.push({ label: detailLabel(key, locale), value: plainValue(value, locale) })
  }
  return view
}

/**
 * A value as a printout shows it, in full (an evidence printout never clips): measured values
 * with their unit, options by their label, yes/no, text in quotes, structures as JSON.
 */
export function exportValue(value: JsonValue | undefined, field: FieldDefinition | undefined, locale: Locale): string {
  if (typeof value === 'string' && value !== '' && !field?.options && !['decimal', 'number', 'integer'].includes(field?.kind ?? '')) {
    return `“${value}”`
  }
  if (Array.isArray(value) || (typeof value === 'object' && value !== null)) return canonicalJson(value)
  return formatFieldValue(value, field, locale)
}

let lastTime: TimeView | undefined

/** `ts` on the wall clock of `zone`, with the zone's offset, and in UTC. */
export function timeView(ts: string, zone: string): TimeView {
  // Entries committed together share their time: the previous answer is often the answer.
  if (lastTime?.utc === ts && lastTime.zone === zone) return lastTime
  lastTime = localTimeView(ts, zone)
  return lastTime
}

function localTimeView(ts: string, zone: string): TimeView {
  const ms = Date.parse(ts)
  let offset = 0
  try {
    offset = zoneOffset(ms, zone)
  } catch {
    zone = 'UTC'
  }
  const local = new Date(ms + offset).toISOString()
  const minutes = Math.abs(offset) / 60_000
  const sign = offset < 0 ? '-' : '+'
  return {
    utc: ts,
    local: `${local.slice(0, 10)} ${local.slice(11, 19)}`,
    zone,
    offset: `${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`,
  }
}

/** `2026-11-20 16:00:00 (Asia/Shanghai, UTC+08:00) · 2026-11-20T08:00:00.000Z UTC` */
export function formatTimeView(time: TimeView): string {
  return `${time.local} (${time.zone}, UTC${time.offset}) · ${time.utc}`
}

function signatureOf(entry: Entry): { meaning: string; signer: string } | undefined {
  const d = entry.details
  if (!d) return undefined
  const nested = typeof d.signature === 'object' && d.signature !== null && !Array.isArray(d.signature) ? d.signature : undefined
  const meaning = nested?.meaning ?? d.meaning
  if (typeof meaning !== 'string' || (entry.action !== 'sign' && entry.action !== 'review' && entry.action !== 'signature_withdraw')) return undefined
  const signer = nested?.signer ?? d.signer ?? entry.actor.displayName
  return { meaning, signer: String(signer) }
}

function snapshotView(snapshot: JsonValue | undefined, type: StoredRecordType | undefined, locale: Locale): EntryView['snapshot'] {
  if (typeof snapshot !== 'object' || snapshot === null || Array.isArray(snapshot)) return []
  return Object.entries(snapshot).map(([name, value]) => ({
    label: type?.fields[name]?.label[locale] ?? name,
    value: exportValue(value, type?.fields[name], locale),
  }))
}

function plainValue(value: JsonValue, locale: Locale): string {
  if (value === null || value === '') return EMPTY[locale]
  return typeof value === 'string' ? value : canonicalJson(value)
}

/** Names of the facts the core itself writes into entries; others are spelled out from the key. */
const DETAIL_LABELS: Record<string, LocalizedText> = {
  signatureId: { en: 'Signature ID', 'zh-CN': '签名 ID' },
  username: { en: 'User name', 'zh-CN': '用户名' },
  ip: { en: 'Client address', 'zh-CN': '客户端地址' },
  reason: { en: 'Reason', 'zh-CN': '原因' },
  failures: { en: 'Failed attempts', 'zh-CN': '失败次数' },
  threshold: { en: 'Lock-out threshold', 'zh-CN': '锁定阈值' },
  changeControl: { en: 'Change control', 'zh-CN': '变更控制编号' },
  reviewId: { en: 'Review ID', 'zh-CN': '审核 ID' },
  conclusion: { en: 'Conclusion', 'zh-CN': '结论' },
  findings: { en: 'Findings', 'zh-CN': '发现项' },
  entries: { en: 'Entries', 'zh-CN': '条目数' },
  format: { en: 'Format', 'zh-CN': '格式' },
  filter: { en: 'Scope', 'zh-CN': '范围' },
  sha256: { en: 'SHA-256', 'zh-CN': 'SHA-256' },
  fileName: { en: 'File', 'zh-CN': '文件' },
  outcome: { en: 'Outcome', 'zh-CN': '结果' },
  version: { en: 'Version', 'zh-CN': '版本' },
  program: { en: 'Program', 'zh-CN': '程序' },
  timeZone: { en: 'Time zone', 'zh-CN': '时区' },
}

/** A detail's name in `locale`. */
function detailLabel(key: string, locale: Locale): string {
  return DETAIL_LABELS[key]?.[locale] ?? humanKey(key)
}

/** `attemptedUsername` → `Attempted username` */
function humanKey(key: string): string {
  const words = key.replace(/[_.-]+/g, ' ').replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}
