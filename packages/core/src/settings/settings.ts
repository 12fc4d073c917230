import * as v from 'valibot'
import { canonicalJson, type JsonValue } from '../canonical/canonical-json.js'
import { VeritrailError } from '../errors.js'
import type { Locale } from '../extension/i18n.js'
import { isTimeZone } from '../ledger/clock.js'
import type { ActionContext } from '../ledger/context.js'
import type { EntryDraft, FieldChange } from '../ledger/entry.js'
import type { Ledger } from '../ledger/ledger.js'
import { latestSettings } from '../store/queries/settings.js'
import type { StoreReads } from '../store/types.js'
import { DEFAULT_SETTINGS, SETTING_LABELS, SettingsSchema, type Settings } from './schema.js'

/** How long a process trusts its copy of the settings before re-reading (several instances). */
const TTL_MS = 2000

/**
 * The site's settings (CONTRACT §8): defaults until first changed; every change stores the
 * whole new settings object and one `config_change` entry listing each changed setting with its
 * old and new value and the reason (R-AT-08). There is no setting that switches auditing off.
 */
export class SettingsService {
  #cached: { settings: Settings; version: number; at: number } | undefined

  constructor(
    private readonly ledger: Ledger,
    private readonly reads: StoreReads,
    private readonly locale: () => Locale = () => 'en',
  ) {}

  /** The current settings (re-read at most every 2 s). */
  async get(): Promise<Settings> {
    const now = Date.now()
    if (!this.#cached || now - this.#cached.at > TTL_MS) {
      const row = await latestSettings(this.reads.sql)
      this.#cached = { settings: row ? merge(DEFAULT_SETTINGS, JSON.parse(row.settings)) : DEFAULT_SETTINGS, version: row?.version ?? 0, at: now }
    }
    return this.#cached.settings
  }

  /** The last value read, without waiting (refreshed in the background when stale). */
  peek(): Settings {
    if (!this.#cached || Date.now() - this.#cached.at > TTL_MS) void this.get().catch(() => undefined)
    return this.#cached?.settings ?? DEFAULT_SETTINGS
  }

  /**
   * Applies a partial change. Refused (and nothing written) when invalid, when nothing changes,
   * or without a reason.
   */
  async change(changes: unknown, reason: { text?: string; code?: string } | undefined, ctx: ActionContext): Promise<Settings> {
    const text = reason?.text?.trim() || reason?.code?.trim()
    if (!text) {
      throw new VeritrailError('reason_required', 'Changing a setting needs a reason.', { errors: [{ path: 'reason', message: 'A reason is required.' }] })
    }
    if (typeof changes !== 'object' || changes === null || Array.isArray(changes)) {
      throw new VeritrailError('validation_failed', 'Send `changes` as an object of settings to change.', { errors: [{ path: 'changes', message: 'Expected an object.' }] })
    }
    const result = await this.ledger.commit(async (tx) => {
      const row = await latestSettings(tx.sql)
      const before = row ? merge(DEFAULT_SETTINGS, JSON.parse(row.settings)) : DEFAULT_SETTINGS
      const parsed = v.safeParse(SettingsSchema, merge(before, changes))
      if (!parsed.success) {
        const errors = parsed.issues.map((i) => ({ path: `changes.${v.getDotPath(i) ?? ''}`, message: i.message }))
        throw new VeritrailError('validation_failed', `The settings are not valid: ${errors[0]!.path}: ${errors[0]!.message}`, { errors })
      }
      const after = parsed.output
      if (after.site.timeZone !== null && !isTimeZone(after.site.timeZone)) {
        throw new VeritrailError('validation_failed', `“${after.site.timeZone}” is not an IANA time zone.`, {
          errors: [{ path: 'changes.site.timeZone', message: 'Use a zone such as Asia/Shanghai.' }],
        })
      }
      const diff = settingChanges(before, after, this.locale())
      if (diff.length === 0) {
        throw new VeritrailError('validation_failed', 'These values are already in force; nothing changed.', { errors: [{ path: 'changes', message: 'No change.' }] })
      }
      const version = (row?.version ?? 0) + 1
      const entry: EntryDraft = {
        trail: 'system',
        actor: ctx.actor,
        action: 'config_change',
        correlationId: ctx.correlationId,
        client: ctx.client,
        changes: diff,
        reason: reason?.code ? { code: reason.code, ...(reason.text?.trim() ? { text: reason.text } : {}) } : { text: text },
        details: { settingsVersion: version },
      }
      if (ctx.session) entry.session = ctx.session
      return {
        entries: [entry],
        rows: (committed) => ({
          settingsVersions: [{ version, settings: canonicalJson(after), seq: committed[0]!.seq, ts: committed[0]!.ts, actorId: ctx.actor.id }],
        }),
        result: () => ({ settings: after, version }),
      }
    })
    this.#cached = { settings: result.settings, version: result.version, at: Date.now() }
    return result.settings
  }
}

/** Deep-merges plain objects; arrays and scalars replace. */
export function merge<T>(base: T, patch: unknown): T {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return patch as T
  if (typeof base !== 'object' || base === null || Array.isArray(base)) return patch as T
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) }
  for (const [key, value] of Object.entries(patch)) out[key] = merge(out[key], value)
  return out as T
}

/** One change per labelled setting whose value differs, with frozen labels. */
function settingChanges(before: Settings, after: Settings, locale: Locale): FieldChange[] {
  const changes: FieldChange[] = []
  for (const [path, label] of Object.entries(SETTING_LABELS)) {
    const old = at(before, path)
    const now = at(after, path)
    if (canonicalJson(old) !== canonicalJson(now)) changes.push({ field: path, label: label[locale], old: old as JsonValue, new: now as JsonValue })
  }
  return changes
}

function at(obj: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], obj)
}
