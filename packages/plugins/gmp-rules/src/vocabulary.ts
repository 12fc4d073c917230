import type { RuleCondition } from '@veritrail/core'

// Words the rules share: which actions change GMP data, how alarm settings and abort or void
// states are named, which reasons mean reprocessing. Patterns are case-insensitive.

type Action = NonNullable<RuleCondition['actions']>[number]

/** Data-trail actions that change a record after it exists. */
export const CHANGES: Action[] = ['update', 'transition', 'ingest']

/** Every data-trail action that writes GMP data. */
export const DATA_OPERATIONS: Action[] = ['create', 'update', 'delete', 'transition', 'ingest']

/** Settings (system trail) that switch or tune alarms, alerts, interlocks, limits and parameters. */
export const ALARM_SETTING = 'alarm|alert|interlock|limit|threshold|parameter|setpoint'

/** Record fields that hold an alarm or interlock switch or limit. */
export const ALARM_FIELD = 'alarm|interlock'

/** New values that mean “switched off”. */
export const OFF = [false, 'false', 'off', 'disabled', 'inactive', 'bypassed', 'no', 0, null]

/** The field holding a record's state, when the record type declares no lifecycle. */
export const STATUS_FIELD = '^(status|state)$|Status$'

/** States of a run or batch that was stopped before it finished. */
export const ABORTED = ['aborted', 'abort', 'terminated', 'interrupted', 'stopped']

/** States of a record made invalid without deleting it. */
export const VOIDED = ['void', 'voided', 'cancelled', 'canceled', 'invalid', 'invalidated', 'annulled']

/** Reason codes of reprocessing or re-entry: reprocess, reintegration, retest, re_entry, remeasured … */
export const REPROCESS_CODE = '^re[-_]?(process|integrat|inject|analy|test|run|measur|entr|calculat)'

/** The same in a reason's words, English and Chinese. */
export const REPROCESS_TEXT =
  '\\bre-?(process|integrat|inject|analy[sz]|test|run|measur|calculat|enter|entry)|重新(处理|积分|进样|分析|测试|计算|录入)|复测|重测'

/** A change of the record's state (its lifecycle field, or a field named status or state) to one of `values`. */
export function stateChange(values: (string | number | boolean | null)[]): RuleCondition[] {
  return [
    { changes: { lifecycle: true, newValues: values } },
    { changes: { fieldPattern: STATUS_FIELD, newValues: values } },
  ]
}
