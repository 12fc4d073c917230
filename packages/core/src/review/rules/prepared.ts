import type { JsonValue } from '../../canonical/canonical-json.js'
import type { RuleContext, StoredRecordType } from '../../extension/exception-rule.js'
import type { Entry, FieldChange } from '../../ledger/entry.js'
import { localTime, wallClock, type LocalTime } from './site-time.js'

/**
 * An entry with what every declarative rule asks of it computed once per batch: its time in ms,
 * its field changes, its record type definition and (lazily) its local time in the site zone.
 */
export class PreparedEntry {
  #local: LocalTime | undefined
  #clock: Pick<LocalTime, 'day' | 'minutes'> | undefined

  constructor(
    readonly entry: Entry,
    readonly ms: number,
    readonly changes: readonly FieldChange[],
    readonly type: StoredRecordType | undefined,
    readonly zone: string,
  ) {}

  get local(): LocalTime {
    this.#local ??= localTime(this.ms, this.zone)
    return this.#local
  }

  /** The local day and minute alone (cheaper: time conditions need no text). */
  get clock(): Pick<LocalTime, 'day' | 'minutes'> {
    this.#clock ??= this.#local ?? wallClock(this.ms, this.zone)
    return this.#clock
  }
}

/**
 * The field changes an entry reports. Besides `changes`, a `config_change` written with
 * `details: {setting, old, new}` counts as a change of the field named by the setting's path.
 */
export function entryChanges(entry: Entry): readonly FieldChange[] {
  if (entry.changes) return entry.changes
  const setting = entry.details?.setting
  if (entry.action !== 'config_change' || typeof setting !== 'string') return []
  const change: FieldChange = { field: setting, label: setting }
  const { old, new: now } = entry.details as { old?: JsonValue; new?: JsonValue }
  if (old !== undefined) change.old = old
  if (now !== undefined) change.new = now
  return [change]
}

/** Prepares a batch: one record-type lookup per distinct type version (cached by the context). */
export async function prepareEntries(entries: readonly Entry[], ctx: RuleContext): Promise<PreparedEntry[]> {
  const types = new Map<string, Map<string, StoredRecordType | undefined>>()
  for (const e of entries) {
    if (!e.target) continue
    let versions = types.get(e.target.type)
    if (!versions) types.set(e.target.type, (versions = new Map()))
    if (!versions.has(e.target.typeVersion)) versions.set(e.target.typeVersion, await ctx.recordType(e.target.type, e.target.typeVersion))
  }
  const zone = ctx.settings.timeZone
  return entries.map((e) => {
    const type = e.target ? types.get(e.target.type)!.get(e.target.typeVersion) : undefined
    return new PreparedEntry(e, Date.parse(e.ts), entryChanges(e), type, zone ?? e.tz)
  })
}
