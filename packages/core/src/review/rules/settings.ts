import * as v from 'valibot'
import { DEFAULT_WORKING_HOURS, refuseIssues, type RuleSettings } from '../../extension/exception-rule.js'
import { isTimeZone } from '../../ledger/clock.js'
import { ClockSchema } from './declarative/schema.js'

const SettingsSchema = v.strictObject({
  timeZone: v.optional(v.pipe(v.string(), v.check(isTimeZone, 'Not an IANA time zone (e.g. Asia/Shanghai).'))),
  workingHours: v.optional(
    v.strictObject({ start: ClockSchema, end: ClockSchema, days: v.array(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(6))) }),
  ),
})

/** Validates settings for rules and fills the defaults. */
export function ruleSettings(input: Partial<RuleSettings> = {}): RuleSettings {
  const parsed = v.safeParse(SettingsSchema, input)
  if (!parsed.success) throw refuseIssues('The review configuration', parsed.issues)
  const { timeZone, workingHours } = parsed.output
  return { ...(timeZone ? { timeZone } : {}), workingHours: workingHours ?? DEFAULT_WORKING_HOURS }
}
