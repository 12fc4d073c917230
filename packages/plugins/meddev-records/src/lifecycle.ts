import type {
  LifecycleDefinition,
  LifecycleState,
  LifecycleTransition,
  LocalizedText,
} from '@veritrail/core'
import { label as text } from './label.js'
import { choice } from './fields/index.js'

/** A lifecycle state; `locks` makes the record read-only while it is in this state. */
export function state(
  id: string,
  label: LocalizedText,
  locks?: LifecycleState['locks'],
): LifecycleState {
  return locks === undefined ? { id, label } : { id, label, locks }
}

/** A permitted move between two states, with the signatures and review it needs. */
export function transition(
  from: string,
  to: string,
  label: LocalizedText,
  options: Pick<LifecycleTransition, 'signatures' | 'requiresReview' | 'roles'> = {},
): LifecycleTransition {
  return { from, to, label, ...options }
}

/**
 * The field that holds a record's lifecycle state, with one option per state. It is not marked
 * critical: moving between states is governed by the lifecycle (permitted transitions,
 * signatures, review), not by a reason for change.
 */
export function statusField(
  lifecycle: LifecycleDefinition,
  label: LocalizedText = text('Status', '状态'),
) {
  const states = Object.fromEntries(lifecycle.states.map((s) => [s.id, s.label])) as Record<
    string,
    LocalizedText
  >
  return choice(label, states)
}
