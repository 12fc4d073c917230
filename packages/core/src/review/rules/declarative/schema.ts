import * as v from 'valibot'
import { RuleMetaSchema } from '../../../extension/exception-rule.js'
import { ACTIONS, TRAILS } from '../../../ledger/entry.js'
import { unknownPlaceholders } from './template.js'

// The declarative rule format: plain JSON a partner pack ships instead of code (STYLE.md: partner
// rule packs should be data evaluated by the core). Validated strictly: unknown keys, bad
// patterns, unknown placeholders and empty conditions are refused with a path and a sentence.

const MAX_PATTERN = 200

/** Compiles as a case-insensitive Unicode regex and has no nested quantifier such as `(a+)+`. */
export function isSafePattern(pattern: string): boolean {
  try {
    new RegExp(pattern, 'iu')
  } catch {
    return false
  }
  return !/\([^()]*[+*}][^()]*\)[+*{]/.test(pattern)
}

const pattern = v.pipe(
  v.string(),
  v.nonEmpty('Give a pattern.'),
  v.maxLength(MAX_PATTERN, `A pattern has at most ${MAX_PATTERN} characters.`),
  v.check(isSafePattern, 'Not a usable regular expression (it must compile, without nested quantifiers such as (a+)+).'),
)
const list = <T extends v.GenericSchema>(item: T) =>
  v.pipe(v.array(item), v.minLength(1, 'Give at least one value.'), v.maxLength(200, 'At most 200 values.'))
const name = v.pipe(v.string(), v.nonEmpty('Give a name.'), v.maxLength(200))
const primitive = v.union([v.string(), v.number(), v.boolean(), v.null()], 'Values are strings, numbers, booleans or null.')
const presence = v.picklist(['present', 'absent'], 'Use "present" or "absent".')
/** A time of day, `HH:MM` on a 24-hour clock; `24:00` ends a day. */
export const ClockSchema = v.pipe(v.string(), v.regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'Use HH:MM on a 24-hour clock, e.g. 07:00.'))

/** Which field changes count; every given test must hold for one change. */
export const ChangeConditionSchema = v.strictObject({
  /** Field names (record fields, or setting paths such as `site.timeZone` on the system trail). */
  fields: v.optional(list(name)),
  /** A pattern the field name must match (case-insensitive). */
  fieldPattern: v.optional(pattern),
  /** The record type marks the field critical: `true` (any of CQA/CPP/CMA/GMP) or those listed. */
  critical: v.optional(v.union([v.boolean(), list(v.picklist(['CQA', 'CPP', 'CMA', 'GMP']))])),
  /** The field holding the record's lifecycle state. */
  lifecycle: v.optional(v.boolean()),
  /** `present`: the field had a value before (a change after first entry, not a first entry). */
  old: v.optional(presence),
  new: v.optional(presence),
  /** The old / new value is one of these (strings compared case-insensitively). */
  oldValues: v.optional(list(primitive)),
  newValues: v.optional(list(primitive)),
})

export const ActorConditionSchema = v.strictObject({
  roles: v.optional(list(name)),
  types: v.optional(list(v.picklist(['person', 'system']))),
  usernames: v.optional(list(name)),
})

/** With an object: a reason is present and every given test holds. */
export const ReasonConditionSchema = v.union([
  presence,
  v.strictObject({
    codes: v.optional(list(name)),
    codePattern: v.optional(pattern),
    /** Matched against the reason's free text and its label. */
    textPattern: v.optional(pattern),
  }),
])

export const SourceConditionSchema = v.union([presence, v.strictObject({ systems: list(name) })])

/** Local time in the site zone. */
export const TimeConditionSchema = v.strictObject({
  /** Relative to the site's working hours (settings). */
  workingHours: v.optional(v.picklist(['inside', 'outside'], 'Use "inside" or "outside".')),
  /** Days of the week, 0 = Sunday … 6 = Saturday. */
  days: v.optional(list(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(6)))),
  /** A time-of-day range, start included, end excluded; wraps past midnight when from > to. */
  between: v.optional(v.strictObject({ from: ClockSchema, to: ClockSchema })),
})

type ChangeCondition = v.InferOutput<typeof ChangeConditionSchema>
type ActorCondition = v.InferOutput<typeof ActorConditionSchema>
type ReasonCondition = v.InferOutput<typeof ReasonConditionSchema>
type SourceCondition = v.InferOutput<typeof SourceConditionSchema>
type TimeCondition = v.InferOutput<typeof TimeConditionSchema>

/** A test on one entry: every given key must hold (`anyOf`: at least one branch; `not`: none). */
export interface RuleCondition {
  trail?: (typeof TRAILS)[number]
  actions?: (typeof ACTIONS)[number][]
  /** Record type ids; a trailing `*` matches a prefix, e.g. `meddev.*`. */
  recordTypes?: string[]
  actor?: ActorCondition
  changes?: ChangeCondition
  reason?: ReasonCondition
  source?: SourceCondition
  time?: TimeCondition
  /** `details.<key>` is one of the values. */
  details?: { [key: string]: (string | number | boolean | null)[] }
  anyOf?: RuleCondition[]
  not?: RuleCondition
}

export const RuleConditionSchema: v.GenericSchema<RuleCondition> = v.lazy(() =>
  v.pipe(
    v.strictObject({
      trail: v.optional(v.picklist(TRAILS, 'The trail is "data" or "system".')),
      actions: v.optional(list(v.picklist(ACTIONS, 'Not an action of the audit trail (see ACTIONS).'))),
      recordTypes: v.optional(list(name)),
      actor: v.optional(ActorConditionSchema),
      changes: v.optional(ChangeConditionSchema),
      reason: v.optional(ReasonConditionSchema),
      source: v.optional(SourceConditionSchema),
      time: v.optional(TimeConditionSchema),
      details: v.optional(v.record(v.pipe(v.string(), v.regex(/^[A-Za-z_]\w*$/, 'A details key is a plain name.')), list(primitive))),
      anyOf: v.optional(list(RuleConditionSchema)),
      not: v.optional(RuleConditionSchema),
    }),
    v.check((c) => Object.keys(c).length > 0, 'A condition needs at least one test.'),
  ),
)

/**
 * Counting: the rule fires when at least `atLeast` matching entries with the same key fall
 * within `minutes` (once per burst). Keys: the acting account, the user an entry is about
 * (`details.username`, else the actor), the record, or the record and field.
 */
export const RuleWindowSchema = v.strictObject({
  minutes: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(7 * 24 * 60, 'At most a week (10080 minutes).')),
  atLeast: v.pipe(v.number(), v.integer(), v.minValue(2, 'Count at least 2 entries; for one, leave out the window.')),
  by: v.picklist(['actor', 'user', 'record', 'field'], 'Count by "actor", "user", "record" or "field".'),
})

const template = v.pipe(
  v.string(),
  v.trim(),
  v.nonEmpty('Write the message.'),
  v.maxLength(1000),
  v.check((t) => unknownPlaceholders(t).length === 0, (issue) => `Unknown placeholder(s): ${unknownPlaceholders(String(issue.input)).map((p) => `{${p}}`).join(', ')}.`),
)

/** A declarative exception rule as JSON. */
export const DeclarativeRuleSchema = v.strictObject({
  meta: RuleMetaSchema,
  when: RuleConditionSchema,
  window: v.optional(RuleWindowSchema),
  /** The finding's sentence in every locale, with placeholders such as `{actor.displayName}`. */
  message: v.strictObject({ en: template, 'zh-CN': template }),
})

export type RuleWindow = v.InferOutput<typeof RuleWindowSchema>
export type DeclarativeRuleDefinition = v.InferOutput<typeof DeclarativeRuleSchema>
