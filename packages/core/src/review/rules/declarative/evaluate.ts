import type { DeclarativeRule, RuleSettings } from '../../../extension/exception-rule.js'
import type { FieldChange } from '../../../ledger/entry.js'
import type { PreparedEntry } from '../prepared.js'
import { compileCondition, type Matcher } from './conditions.js'
import type { RuleCondition, RuleWindow } from './schema.js'
import { WindowCounter, type Burst } from './window.js'

/** An entry a declarative rule flags, with the changes that matched and the burst it completed. */
export interface DeclarativeMatch {
  p: PreparedEntry
  changes: readonly FieldChange[]
  burst?: Burst
}

/** The keys an entry is counted under for a window (none: it is not counted). */
function windowKeys(by: RuleWindow['by'], p: PreparedEntry, changes: readonly FieldChange[]): string[] {
  const e = p.entry
  switch (by) {
    case 'actor':
      return [e.actor.id]
    case 'user': {
      const user = e.details?.username
      return [typeof user === 'string' ? user : e.actor.username]
    }
    case 'record':
      return e.target ? [`${e.target.type}\u0000${e.target.id}`] : []
    case 'field': {
      if (!e.target) return []
      const fields = changes.length > 0 ? changes : p.changes
      return fields.map((c) => `${e.target!.type}\u0000${e.target!.id}\u0000${c.field}`)
    }
  }
}

/**
 * The values a condition can match for one key: its own list, else what every `anyOf` branch
 * allows together; undefined when any value can match.
 */
function possible(c: RuleCondition, pick: (c: RuleCondition) => readonly string[] | undefined): Set<string> | undefined {
  const own = pick(c)
  if (own) return new Set(own)
  if (!c.anyOf) return undefined
  const out = new Set<string>()
  for (const branch of c.anyOf) {
    const values = possible(branch, pick)
    if (!values) return undefined
    for (const v of values) out.add(v)
  }
  return out
}

const interned = new Map<string, ReadonlySet<string>>()

/** One Set object per distinct set of actions, so rules sharing actions share a candidate list. */
function intern(values: Set<string> | undefined): ReadonlySet<string> | undefined {
  if (!values) return undefined
  const k = [...values].sort().join(',')
  let hit = interned.get(k)
  if (!hit) interned.set(k, (hit = values))
  return hit
}

/**
 * One declarative rule in one run: its compiled condition and, for counting rules, the window
 * state carried from batch to batch.
 */
export class DeclarativeEvaluator {
  readonly #match: Matcher
  readonly #window: { counter: WindowCounter; by: RuleWindow['by'] } | undefined
  /** How far before the scope a counting rule needs to look (0 for others). */
  readonly lookbackMinutes: number
  /** The only actions and trails the rule can match (undefined: any), to skip entries early. */
  readonly actions: ReadonlySet<string> | undefined
  readonly trails: ReadonlySet<string> | undefined

  constructor(
    readonly rule: DeclarativeRule,
    settings: RuleSettings,
  ) {
    this.#match = compileCondition(rule.when, settings)
    this.#window = rule.window && { counter: new WindowCounter(rule.window), by: rule.window.by }
    this.lookbackMinutes = rule.window?.minutes ?? 0
    this.actions = intern(possible(rule.when, (c) => c.actions))
    this.trails = possible(rule.when, (c) => (c.trail ? [c.trail] : undefined))
  }

  /** Counts entries before the scope; they never produce findings. */
  lookback(entries: readonly PreparedEntry[]): void {
    if (!this.#window) return
    for (const p of entries) {
      const changes = this.#match(p)
      if (changes) this.#count(p, changes, false)
    }
  }

  /** The matches in one batch, in seq order. */
  evaluate(entries: readonly PreparedEntry[]): DeclarativeMatch[] {
    const out: DeclarativeMatch[] = []
    for (const p of entries) {
      const changes = this.#match(p)
      if (!changes) continue
      if (!this.#window) {
        out.push({ p, changes })
        continue
      }
      const burst = this.#count(p, changes, true)
      if (burst) out.push({ p, changes, burst })
    }
    return out
  }

  #count(p: PreparedEntry, changes: readonly FieldChange[], reportable: boolean): Burst | undefined {
    const { counter, by } = this.#window!
    let first: Burst | undefined
    for (const k of windowKeys(by, p, changes)) {
      const burst = counter.add(k, p.ms, p.entry.seq, reportable)
      first ??= burst
    }
    return first
  }
}
