import type { JsonValue } from '../../../canonical/canonical-json.js'
import type { DeclarativeRule, Finding, RuleContext, StoredRecordType } from '../../../extension/exception-rule.js'
import { LOCALES, type Locale, type LocalizedText } from '../../../extension/i18n.js'
import type { Entry, EntryTarget } from '../../../ledger/entry.js'
import {
  actionText,
  actorText,
  changedFieldLabel,
  describeChanges,
  formatFieldValue,
  reasonText,
  recordLabel,
  roleLabel,
  systemRecordLabel,
} from '../text.js'
import type { DeclarativeMatch } from './evaluate.js'
import { fillTemplate, parseTemplate, type Placeholder, type TemplatePart } from './template.js'

const DASH = '—'
const MAX_SEQS = 100

const parsed = new WeakMap<DeclarativeRule, Record<Locale, TemplatePart[]>>()

function templates(rule: DeclarativeRule): Record<Locale, TemplatePart[]> {
  let t = parsed.get(rule)
  if (!t) {
    t = { en: parseTemplate(rule.message.en), 'zh-CN': parseTemplate(rule.message['zh-CN']) }
    parsed.set(rule, t)
  }
  return t
}

function plain(value: JsonValue | undefined): string {
  if (value === undefined || value === null) return DASH
  return typeof value === 'object' ? JSON.stringify(value) : String(value)
}

/** The record's name, from the entry itself where it carries the data (create, delete). */
async function labelOf(entry: Entry, ctx: RuleContext, type: StoredRecordType | undefined): Promise<LocalizedText | undefined> {
  if (entry.trail === 'system') return systemRecordLabel(entry)
  const target = entry.target
  if (!target) return undefined
  if (entry.action === 'create' && entry.changes) {
    return recordLabel(type, target, Object.fromEntries(entry.changes.map((c) => [c.field, c.new ?? null])))
  }
  if (entry.action === 'delete' && entry.snapshot && typeof entry.snapshot === 'object' && !Array.isArray(entry.snapshot)) {
    return recordLabel(type, target, entry.snapshot)
  }
  return ctx.recordLabel(target)
}

function needsRecord(rule: DeclarativeRule): boolean {
  const t = templates(rule)
  return LOCALES.some((l) => t[l].some((part) => typeof part !== 'string' && part.name === 'record'))
}

/** The record versions whose names the findings of `matches` will need from the database. */
export function labelTargets(rule: DeclarativeRule, matches: readonly DeclarativeMatch[]): EntryTarget[] {
  if (matches.length === 0 || !needsRecord(rule)) return []
  return matches.flatMap(({ p: { entry } }) =>
    entry.trail === 'data' && entry.target && entry.action !== 'create' && entry.action !== 'delete' ? [entry.target] : [],
  )
}

/** Turns a match into a finding with the rule's message filled in every locale. */
export async function renderMatch(rule: DeclarativeRule, match: DeclarativeMatch, ctx: RuleContext): Promise<Finding> {
  const { p, changes, burst } = match
  const e = p.entry
  const t = templates(rule)
  const record = needsRecord(rule) ? await labelOf(e, ctx, p.type) : undefined
  const first = changes[0] ?? p.changes[0]
  const field = first ? p.type?.fields[first.field] : undefined
  const value = (name: Placeholder, locale: Locale): string => {
    switch (name) {
      case 'actor': return actorText(e.actor, locale)
      case 'actor.displayName': return e.actor.displayName
      case 'actor.username': return e.actor.username
      case 'actor.role': return roleLabel(e.actor.role, locale)
      case 'action': return actionText(e.action, locale)
      case 'record': return record?.[locale] ?? DASH
      case 'recordType': return p.type?.title[locale] ?? e.target?.type ?? DASH
      case 'field.label': return first ? changedFieldLabel(p.type, first, locale) : DASH
      case 'old': return first ? formatFieldValue(first.old, field, locale) : DASH
      case 'new': return first ? formatFieldValue(first.new, field, locale) : DASH
      case 'changes': return describeChanges(changes.length > 0 ? changes : p.changes, p.type, locale) || DASH
      case 'reason': return reasonText(e.reason, p.type, locale)
      case 'time': return `${p.local.text} (${p.zone})`
      case 'count': return String(burst?.count ?? 1)
      case 'window': return `${rule.window?.minutes ?? 0}${locale === 'en' ? ' minutes' : ' 分钟'}`
      case 'user': return typeof e.details?.username === 'string' ? e.details.username : e.actor.username
      case 'source.system': return e.source?.system ?? DASH
      case 'source.user': return e.source?.user ?? DASH
      case 'client.ip': return e.client.ip || DASH
      case 'seq': return String(e.seq)
      default: return plain(e.details?.[name.slice('details.'.length)])
    }
  }
  const details: { [key: string]: JsonValue } = {}
  if (changes.length > 0) details.fields = changes.map((c) => c.field)
  if (burst) {
    details.count = burst.count
    details.windowMinutes = rule.window!.minutes
    details.seqs = burst.seqs.slice(0, MAX_SEQS)
  }
  return {
    seq: e.seq,
    trail: e.trail,
    message: { en: fillTemplate(t.en, (n) => value(n, 'en')), 'zh-CN': fillTemplate(t['zh-CN'], (n) => value(n, 'zh-CN')) },
    ...(Object.keys(details).length > 0 ? { details } : {}),
  }
}
