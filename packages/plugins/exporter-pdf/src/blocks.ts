import {
  MEANING_LABELS,
  actionLabel,
  exportValue,
  formatTimeView,
  isMeaning,
  roleLabel,
  timeView,
  type EntryView,
  type ExportFacts,
  type ExportMeta,
  type ExportedRecord,
  type Locale,
  type SignatureView,
  type StoredRecordType,
} from '@veritrail/core'
import type { Paragraph } from './report.js'
import { WORDS } from './words.js'

const GREY = '#555555'
const FLAG = '#b00020'
const HEAD = '#0b3d91'

/** What the report is: title, who printed it and when, the scope, and the checkpoints it was cut from. */
export function coverBlock(meta: ExportMeta, facts: ExportFacts | undefined, locale: Locale, recordScope: boolean): Paragraph[] {
  const w = (t: { en: string; 'zh-CN': string }) => t[locale]
  const out: Paragraph[] = [
    { text: w(recordScope ? WORDS.recordTitle : WORDS.title), size: 15, color: HEAD },
    { text: `${w(WORDS.installation)} ${meta.installId} · ${w(WORDS.siteZone)} ${meta.timeZone}` },
    { text: `${w(WORDS.printed)}: ${formatTimeView(timeView(meta.generatedAt, meta.timeZone))} · ${w(WORDS.printedBy)} ${meta.requestedBy ?? '—'}` },
    { text: `${w(WORDS.scope)}: ${scopeText(meta, locale)}` },
  ]
  if (!facts) return [...out, { text: `${w(WORDS.cutFrom)}: ${w(WORDS.noCheckpoint)}`, color: GREY }]
  const heads = facts.checkpoints.map((c) => `${w(WORDS.trail[c.trail])} ${c.size} ${w(WORDS.entriesRoot)} ${c.rootHash || '—'}`)
  out.push({ text: `${w(WORDS.cutFrom)}: ${heads.join('; ')}` })
  out.push({ text: `${w(WORDS.verifierKey)}: ${facts.verifierKey}`, color: GREY, size: 7 })
  return out
}

function scopeText(meta: ExportMeta, locale: Locale): string {
  const filter = (meta.filter ?? {}) as Record<string, string | undefined>
  const names = WORDS.filter as Record<string, { en: string; 'zh-CN': string }>
  const parts = Object.entries(filter)
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([key, value]) => {
      let shown = String(value)
      if (key === 'trail') shown = WORDS.trail[value as 'data' | 'system']?.[locale] ?? shown
      if (key === 'from' || key === 'to') shown = formatTimeView(timeView(shown, meta.timeZone))
      if (key === 'action') shown = shown.split(',').map((a) => actionLabel(a.trim(), locale)).join(', ')
      return `${names[key]?.[locale] ?? key}: ${shown}`
    })
  return parts.length > 0 ? parts.join(' · ') : WORDS.everything[locale]
}

/**
 * The record a record-scoped report is a true copy of (R-EX-03/05/06): its current content, its
 * version and whether it changed after its original entry (pointing to the audit trail), and
 * every electronic signature with its manifestation (R-ES-02).
 */
export function recordBlock(versions: ExportedRecord[], signatures: SignatureView[], type: StoredRecordType | undefined, locale: Locale, zone: string): Paragraph[] {
  const w = (t: { en: string; 'zh-CN': string }) => t[locale]
  const current = versions.at(-1)
  if (!current) return []
  const out: Paragraph[] = [
    { text: `${w(WORDS.record)}: ${type?.title[locale] ?? current.type} (${current.type}) · ${w(WORDS.id)} ${current.id}`, size: 11, color: HEAD },
    {
      text: `${w(WORDS.currentVersion)}: ${current.version}${current.deleted ? ` (${w(WORDS.deleted)})` : ''} · ${formatTimeView(timeView(current.ts, zone))}`,
    },
  ]
  if (versions.length > 1) {
    const later = versions.slice(1).map((v) => `#${v.seq}`).join(', ')
    out.push({ text: `${w(WORDS.modifiedYes)} — ${versions.length - 1} ${w(WORDS.laterVersions)} ${later}`, color: FLAG })
  } else {
    out.push({ text: w(WORDS.modifiedNo) })
  }
  if (current.data) {
    out.push({ text: `${w(WORDS.content)}:` })
    const order = (type as (StoredRecordType & { fieldOrder?: string[] }) | undefined)?.fieldOrder ?? Object.keys(current.data)
    for (const name of order) {
      if (!(name in current.data)) continue
      const field = type?.fields[name]
      out.push({ text: `${field?.label[locale] ?? name}: ${exportValue(current.data[name], field, locale)}`, indent: 12 })
    }
  }
  out.push({ text: `${w(WORDS.signatures)}:` })
  if (signatures.length === 0) out.push({ text: w(WORDS.noSignatures), indent: 12 })
  for (const s of signatures) out.push({ text: signatureText(s, current.version, locale), indent: 12 })
  return out
}

/** `Reviewed — Rita Tester (rita), Reviewer · 2026-… (Asia/Shanghai, UTC+08:00) · …Z · version 2 · …` */
function signatureText(s: SignatureView, currentVersion: number, locale: Locale): string {
  const w = (t: { en: string; 'zh-CN': string }) => t[locale]
  const meaning = isMeaning(s.meaning) ? MEANING_LABELS[s.meaning][locale] : s.meaning
  const status = s.withdrawn
    ? `${w(WORDS.withdrawn)} ${formatTimeView(timeView(s.withdrawn.ts, s.tz))}: ${s.withdrawn.reason}`
    : s.target.version === currentVersion
      ? w(WORDS.coversCurrent)
      : w(WORDS.notCurrent)
  return `${meaning} — ${s.signer.displayName} (${s.signer.username}), ${roleLabel(s.signer.role, locale)} · ${formatTimeView(timeView(s.ts, s.tz))} · ${w(WORDS.version)} ${s.target.version} · ${w(WORDS.contentHash)} ${s.recordHash.slice(0, 16)}… · ${status}`
}

/** One entry: when, who, what (old → new), why, the signature it made, provenance, details. */
export function entryBlock(view: EntryView, ip: string, locale: Locale): Paragraph[] {
  const w = (t: { en: string; 'zh-CN': string }) => t[locale]
  const out: Paragraph[] = [
    { text: `#${view.seq} · ${w(WORDS.trail[view.trail])} · ${formatTimeView(view.time)}`, color: HEAD },
    { text: `${w(WORDS.who)}: ${view.actor.name} (${view.actor.username}), ${view.actor.role}` },
  ]
  const record = view.record ? ` — ${view.record.title}${view.record.title === view.record.type ? '' : ` (${view.record.type})`} · ${w(WORDS.id)} ${view.record.id} · ${w(WORDS.version)} ${view.record.version}` : ''
  out.push({ text: `${w(WORDS.what)}: ${view.action}${record}` })
  if (view.modifiedAfterEntry) out.push({ text: w(WORDS.modifiedFlag), color: FLAG, indent: 12 })
  for (const c of view.changes) out.push({ text: `${c.label}: ${c.old} → ${c.new}`, indent: 12 })
  if (view.reason) out.push({ text: `${w(WORDS.why)}: ${[view.reason.label, view.reason.text ? `“${view.reason.text}”` : undefined].filter(Boolean).join(' — ')}` })
  if (view.signature) out.push({ text: `${w(WORDS.signature)}: ${view.signature.meaning} — ${view.signature.signer} (${view.actor.username}), ${view.actor.role} · ${formatTimeView(view.time)}` })
  if (view.authorizer) out.push({ text: `${w(WORDS.authorisedBy)}: ${view.authorizer}` })
  if (view.source) out.push({ text: `${w(WORDS.source)}: ${view.source.system} · ${view.source.user} · ${formatTimeView(view.source.time)} · ${view.source.ref}` })
  if (view.snapshot.length > 0) out.push({ text: `${w(WORDS.deletedContent)}: ${view.snapshot.map((s) => `${s.label}: ${s.value}`).join('; ')}` })
  if (view.details.length > 0) out.push({ text: `${w(WORDS.details)}: ${view.details.map((d) => `${d.label}: ${d.value}`).join('; ')}`, color: GREY })
  if (ip) out.push({ text: `${w(WORDS.client)}: ${ip}`, color: GREY, size: 7 })
  return out
}
