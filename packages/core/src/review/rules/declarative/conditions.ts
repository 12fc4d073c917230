import type { JsonValue } from '../../../canonical/canonical-json.js'
import type { RuleSettings } from '../../../extension/exception-rule.js'
import type { FieldChange } from '../../../ledger/entry.js'
import type { PreparedEntry } from '../prepared.js'
import { clockMinutes, withinClock } from '../site-time.js'
import type { RuleCondition } from './schema.js'

/**
 * A compiled condition: null when the entry does not match, else the field changes that made it
 * match (empty when the condition does not look at changes). Tests run cheapest first.
 */
export type Matcher = (p: PreparedEntry) => readonly FieldChange[] | null

type Test = (p: PreparedEntry) => boolean
type Primitive = string | number | boolean | null

const NONE: readonly FieldChange[] = Object.freeze([])
/** Patterns see at most this much of a value, so a long text cannot make a test slow. */
const MAX_TESTED = 2000

function valueKey(value: JsonValue | undefined): string | undefined {
  if (value === undefined) return undefined
  if (typeof value === 'string') return `s:${value.toLowerCase()}`
  if (value === null || typeof value !== 'object') return `${typeof value}:${String(value)}`
  return undefined
}

function valueSet(values: readonly Primitive[]): Set<string> {
  return new Set(values.map((value) => valueKey(value)!))
}

function regex(pattern: string): (text: string) => boolean {
  const re = new RegExp(pattern, 'iu')
  return (text) => re.test(text.length > MAX_TESTED ? text.slice(0, MAX_TESTED) : text)
}

/** A pattern over field names, remembering its answers: a trail repeats the same few names. */
function fieldRegex(pattern: string): (field: string) => boolean {
  const test = regex(pattern)
  const known = new Map<string, boolean>()
  return (field) => {
    let hit = known.get(field)
    if (hit === undefined) {
      if (known.size > 10_000) known.clear()
      known.set(field, (hit = test(field)))
    }
    return hit
  }
}

function hasValue(value: JsonValue | undefined): boolean {
  return value !== undefined && value !== null && value !== ''
}

function changeTest(c: NonNullable<RuleCondition['changes']>): (change: FieldChange, p: PreparedEntry) => boolean {
  const tests: ((change: FieldChange, p: PreparedEntry) => boolean)[] = []
  if (c.fields) {
    const fields = new Set(c.fields)
    tests.push((change) => fields.has(change.field))
  }
  if (c.fieldPattern) {
    const test = fieldRegex(c.fieldPattern)
    tests.push((change) => test(change.field))
  }
  if (c.critical !== undefined) {
    const wanted = c.critical
    tests.push((change, p) => {
      const critical = p.type?.fields[change.field]?.critical
      if (wanted === true) return critical !== undefined
      if (wanted === false) return critical === undefined
      return critical !== undefined && wanted.includes(critical)
    })
  }
  if (c.lifecycle !== undefined) {
    const wanted = c.lifecycle
    tests.push((change, p) => (p.type?.lifecycle?.field === change.field) === wanted)
  }
  if (c.old) {
    const present = c.old === 'present'
    tests.push((change) => hasValue(change.old) === present)
  }
  if (c.new) {
    const present = c.new === 'present'
    tests.push((change) => hasValue(change.new) === present)
  }
  if (c.oldValues) {
    const set = valueSet(c.oldValues)
    tests.push((change) => set.has(valueKey(change.old) ?? ''))
  }
  if (c.newValues) {
    const set = valueSet(c.newValues)
    tests.push((change) => set.has(valueKey(change.new) ?? ''))
  }
  return (change, p) => {
    for (const test of tests) if (!test(change, p)) return false
    return true
  }
}

function entryTests(c: RuleCondition, settings: RuleSettings): Test[] {
  const tests: Test[] = []
  if (c.trail) {
    const trail = c.trail
    tests.push((p) => p.entry.trail === trail)
  }
  if (c.actions) {
    const actions = new Set<string>(c.actions)
    tests.push((p) => actions.has(p.entry.action))
  }
  if (c.recordTypes) {
    const exact = new Set(c.recordTypes.filter((t) => !t.endsWith('*')))
    const prefixes = c.recordTypes.filter((t) => t.endsWith('*')).map((t) => t.slice(0, -1))
    tests.push((p) => {
      const type = p.entry.target?.type
      return type !== undefined && (exact.has(type) || prefixes.some((prefix) => type.startsWith(prefix)))
    })
  }
  if (c.actor) {
    const roles = c.actor.roles && new Set(c.actor.roles)
    const types = c.actor.types && new Set<string>(c.actor.types)
    const names = c.actor.usernames && new Set(c.actor.usernames)
    tests.push((p) => {
      const a = p.entry.actor
      return (!roles || roles.has(a.role)) && (!types || types.has(a.type)) && (!names || names.has(a.username))
    })
  }
  if (c.source) tests.push(sourceTest(c.source))
  if (c.reason) tests.push(reasonTest(c.reason))
  if (c.details) {
    const wanted = Object.entries(c.details).map(([key, values]) => [key, valueSet(values)] as const)
    tests.push((p) => wanted.every(([key, set]) => set.has(valueKey(p.entry.details?.[key]) ?? '')))
  }
  if (c.time) tests.push(timeTest(c.time, settings))
  return tests
}

function sourceTest(s: NonNullable<RuleCondition['source']>): Test {
  if (s === 'present') return (p) => p.entry.source !== undefined
  if (s === 'absent') return (p) => p.entry.source === undefined
  const systems = new Set(s.systems)
  return (p) => p.entry.source !== undefined && systems.has(p.entry.source.system)
}

function reasonTest(r: NonNullable<RuleCondition['reason']>): Test {
  const given = (p: PreparedEntry) => Boolean(p.entry.reason?.code || p.entry.reason?.text)
  if (r === 'present') return given
  if (r === 'absent') return (p) => !given(p)
  const codes = r.codes && new Set(r.codes)
  const code = r.codePattern ? regex(r.codePattern) : undefined
  const text = r.textPattern ? regex(r.textPattern) : undefined
  return (p) => {
    const reason = p.entry.reason
    if (!reason || !given(p)) return false
    if (codes && !codes.has(reason.code ?? '')) return false
    if (code && !code(reason.code ?? '')) return false
    return !text || text(`${reason.text ?? ''}\n${reason.label ?? ''}`)
  }
}

function timeTest(t: NonNullable<RuleCondition['time']>, settings: RuleSettings): Test {
  const hours = settings.workingHours
  const [start, end] = [clockMinutes(hours.start), clockMinutes(hours.end)]
  const workDays = new Set(hours.days)
  const days = t.days && new Set(t.days)
  const between = t.between && [clockMinutes(t.between.from), clockMinutes(t.between.to)]
  return (p) => {
    const local = p.clock
    if (t.workingHours) {
      const inside = workDays.has(local.day) && withinClock(local.minutes, start, end)
      if (inside !== (t.workingHours === 'inside')) return false
    }
    if (days && !days.has(local.day)) return false
    return !between || withinClock(local.minutes, between[0]!, between[1]!)
  }
}

/** Compiles a condition (and its `anyOf` / `not` branches) for one run's settings. */
export function compileCondition(c: RuleCondition, settings: RuleSettings): Matcher {
  const tests = entryTests(c, settings)
  const change = c.changes && changeTest(c.changes)
  const anyOf = c.anyOf?.map((branch) => compileCondition(branch, settings))
  const not = c.not && compileCondition(c.not, settings)
  return (p) => {
    for (const test of tests) if (!test(p)) return null
    let matched = NONE
    if (change) {
      let found: FieldChange[] | undefined
      for (const ch of p.changes) if (change(ch, p)) (found ??= []).push(ch)
      if (!found) return null
      matched = found
    }
    if (anyOf) {
      let branch: readonly FieldChange[] | null = null
      for (const m of anyOf) if ((branch = m(p))) break
      if (!branch) return null
      if (matched.length === 0) matched = branch
    }
    if (not && not(p)) return null
    return matched
  }
}
