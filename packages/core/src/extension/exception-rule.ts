import * as v from 'valibot'
import type { JsonValue } from '../canonical/canonical-json.js'
import { VeritrailError } from '../errors.js'
import { ACTIONS, type Action, type Entry, type EntryTarget, type Trail } from '../ledger/entry.js'
import type { DeclarativeRuleDefinition } from '../review/rules/declarative/schema.js'
import type { LocalizedText } from './i18n.js'
import { CONTRIBUTION_ID } from './manifest.js'
import type { RecordTypeDefinition } from './record-type.js'

/** How urgently a reviewer must look at a finding. */
export type Severity = 'info' | 'warning' | 'critical'
export const SEVERITIES: readonly Severity[] = ['info', 'warning', 'critical']

/** What a rule says about itself; `id` and `version` are stamped on every finding (R-RV-05). */
export interface RuleMeta {
  /** `<pack>.<name>`, e.g. `gmp.record-deleted`; matches the manifest's `contributes`. */
  id: string
  /** Semantic version; bump it for any change to what the rule flags or says. */
  version: string
  severity: Severity
  /** What the rule looks for and why it matters, for the rule list a reviewer reads. */
  description: LocalizedText
  title?: LocalizedText
  /**
   * Code rules: the only actions the rule looks at. The engine then passes `evaluate` only the
   * batch's entries with one of them (in seq order), and a sandboxed rule is sent no others.
   * Leave it out when the rule needs every entry, e.g. to see neighbours.
   */
  actions?: Action[]
}

/**
 * One abnormal event: the entry it is about (by trail and seq), a sentence a QA reviewer
 * understands without a manual (who, which field, old → new, when), and optionally a severity
 * other than the rule's and structured details.
 */
export interface Finding {
  seq: number
  trail: Trail
  message: LocalizedText
  severity?: Severity
  details?: { [key: string]: JsonValue }
}

/**
 * A rule written as code. `entries` is one batch of entries of ONE trail, in seq order, exactly
 * as parsed from the stored bytes; they are shared with other rules, so never modify them.
 */
export interface CodeRule {
  readonly kind: 'code'
  readonly meta: RuleMeta
  evaluate(entries: readonly Entry[], ctx: RuleContext): Finding[] | Promise<Finding[]>
}

/** A rule written as data (see `defineDeclarativeRule`): evaluated by the core, runs no code. */
export interface DeclarativeRule extends DeclarativeRuleDefinition {
  readonly kind: 'declarative'
}

/** Either form; plugins register these through `ctx.exceptionRules.register(rule)`. */
export type ExceptionRule = CodeRule | DeclarativeRule

/** Working hours in the site's zone; `days` as in settings: 0 = Sunday … 6 = Saturday. */
export interface WorkingHours {
  start: string
  end: string
  days: number[]
}

/** Site settings rules may use. */
export interface RuleSettings {
  /** Overrides the zone for time-of-day checks; default: the zone stamped on each entry. */
  timeZone?: string
  workingHours: WorkingHours
}

export const DEFAULT_WORKING_HOURS: WorkingHours = { start: '07:00', end: '19:00', days: [1, 2, 3, 4, 5] }

/** A stored record type: the definition as first used, its schema replaced by JSON Schema. */
export type StoredRecordType = Omit<RecordTypeDefinition, 'schema'> & { jsonSchema: JsonValue }

/** One version of a record as the rule context returns it. */
export interface RuleRecordVersion {
  version: number
  typeVersion: string
  /** The data; null for a tombstone; left out when asked for versions without data. */
  data?: { [key: string]: JsonValue } | null
  deleted: boolean
  seq: number
  ts: string
  actorId: string
}

/** An electronic signature on one record version (CONTRACT §6). */
export interface RuleSignature {
  id: string
  recordVersion: number
  recordHash: string
  meaning: string
  signer: { id: string; username: string; displayName: string; role: string }
  ts: string
  tz: string
  /** Data-trail seq of the `sign` entry. */
  seq: number
}

/** An inclusive range of sequence numbers of one trail. */
export interface SeqRange {
  trail: Trail
  from: number
  to: number
}

/** A completed audit-trail review whose frozen scope includes entries of a record. */
export interface RuleReview {
  reviewId: string
  /** `{recordType, recordId, linked?}` or `{trail, from, to}` as opened. */
  scope: JsonValue
  /** The sequence ranges the scope was frozen to when the review opened. */
  ranges: SeqRange[]
  reviewerId: string
  conclusion: string
  /** Data-trail seq of the completion (`review` entry). */
  completedSeq: number
  completedTs: string
}

/** Narrows `otherTrail`: only these actions, only this actor, at most `limit` entries. */
export interface OtherTrailFilter {
  actions?: Action[]
  actorId?: string
  limit?: number
}

/**
 * Read-only history a rule may consult. Every method is async so the same rule runs in-process
 * or in an isolated worker; results are plain data. The engine prefetches what a batch needs,
 * so calling these once per entry is cheap.
 */
export interface RuleContext {
  /** The trail being evaluated. */
  readonly trail: Trail
  readonly settings: RuleSettings
  /** Data-trail entries of one record before `beforeSeq`, oldest first (the newest `limit`). */
  earlierEntries(recordType: string, recordId: string, beforeSeq: number, options?: { limit?: number }): Promise<Entry[]>
  /** Entries of the other trail with `fromTs ≤ ts ≤ toTs`, in seq order (default limit 10,000). */
  otherTrail(fromTs: string, toTs: string, filter?: OtherTrailFilter): Promise<Entry[]>
  /** Every version of a record, oldest first; `{ data: false }` leaves the data out (cheaper). */
  recordVersions(recordType: string, recordId: string, options?: { data?: boolean }): Promise<RuleRecordVersion[]>
  /** Signatures of a record not withdrawn (by `atSeq`, when given: the state at that moment). */
  signatures(recordType: string, recordId: string, options?: { atSeq?: number }): Promise<RuleSignature[]>
  /**
   * Completed reviews (completed before seq `before`, when given) whose scope names the record or
   * is a period, and whose frozen ranges include one of its versions; oldest first.
   */
  completedReviews(recordType: string, recordId: string, options?: { before?: number }): Promise<RuleReview[]>
  /** The definition as stored (which fields are critical, labels, lifecycle); latest if no version. */
  recordType(id: string, version?: string): Promise<StoredRecordType | undefined>
  /** How a person names the record: type title and summary, e.g. `Production batch “PK-2401-0001”`. */
  recordLabel(target: EntryTarget): Promise<LocalizedText>
}

const localized = v.strictObject({
  en: v.pipe(v.string(), v.trim(), v.nonEmpty('Give an English text.')),
  'zh-CN': v.pipe(v.string(), v.trim(), v.nonEmpty('Give a Simplified Chinese text.')),
})

/** The valibot schema of `RuleMeta` (shared by code and declarative rules). */
export const RuleMetaSchema = v.strictObject({
  id: v.pipe(v.string(), v.regex(CONTRIBUTION_ID, 'A rule id reads <pack>.<name>, e.g. gmp.record-deleted.')),
  version: v.pipe(
    v.string(),
    v.regex(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/, 'A rule version is a semantic version such as 1.0.0.'),
  ),
  severity: v.picklist(SEVERITIES, 'Severity is info, warning or critical.'),
  description: localized,
  title: v.optional(localized),
  actions: v.optional(v.array(v.picklist(ACTIONS, 'Not an action of the audit trail (see ACTIONS).'))),
})

/** Refuses an invalid value with one readable `validation_failed` error naming each problem. */
export function refuseIssues(what: string, issues: [v.BaseIssue<unknown>, ...v.BaseIssue<unknown>[]]): VeritrailError {
  const errors = issues.map((issue) => ({ path: v.getDotPath(issue) ?? '', message: issue.message }))
  const first = errors[0]!
  return new VeritrailError('validation_failed', `${what} is not valid: ${first.path ? `${first.path}: ` : ''}${first.message}`, {
    errors,
  })
}

const RULE = Symbol.for('veritrail.exceptionRule')

/** Tags a validated rule so `isExceptionRule` recognises it across copies of the core. */
export function tagRule<T extends ExceptionRule>(rule: T): T {
  return Object.freeze(Object.assign({}, rule, { [RULE]: true }))
}

/**
 * Declares an exception rule written as code (ESLint's rule shape). Validates `meta`; the
 * returned rule is frozen and tagged.
 *
 * @throws VeritrailError `validation_failed` naming the first problem of `meta`.
 * @example
 * export const lateNight = defineRule({
 *   meta: { id: 'acme.late-night', version: '1.0.0', severity: 'warning',
 *     description: { en: 'Changes after midnight', 'zh-CN': '午夜后的修改' } },
 *   evaluate: (entries) => entries.filter(isLate).map((e) => ({ seq: e.seq, trail: e.trail,
 *     message: { en: `${e.actor.displayName} changed data after midnight.`, 'zh-CN': '…' } })),
 * })
 */
export function defineRule(rule: Omit<CodeRule, 'kind'>): CodeRule {
  const meta = v.safeParse(RuleMetaSchema, rule.meta)
  if (!meta.success) throw refuseIssues(`The exception rule “${String(rule.meta?.id)}”`, meta.issues)
  if (typeof rule.evaluate !== 'function') {
    throw new VeritrailError('validation_failed', `The exception rule “${meta.output.id}” has no evaluate(entries, ctx) function.`)
  }
  const evaluate = rule.evaluate
  return tagRule({ kind: 'code', meta: meta.output, evaluate: (entries, ctx) => evaluate(entries, ctx) })
}

/** True for a rule made by `defineRule` or `defineDeclarativeRule` of any copy of the core. */
export function isExceptionRule(value: unknown): value is ExceptionRule {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[RULE] === true
}
