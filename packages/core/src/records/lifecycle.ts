import { VeritrailError } from '../errors.js'
import { completedReviewsCovering, signaturesOf } from '../store/queries/signatures.js'
import type { GuardedChange, RecordGuard } from './service.js'

/**
 * Enforces what a record type's lifecycle declares (R-DM-06, R-ES-09, R-AR-04, R-RC-04):
 * records start in the initial state; a state changes only along a declared transition, by the
 * roles it names, once the current version carries the signatures it needs (and a completed
 * audit-trail review where it says so); a locked state refuses edits and deletion, except — for
 * states locked by change control — an edit that names a change control and is authorised by a
 * second person (`ctx.authorizer`).
 */
export const lifecycleGuard: RecordGuard = async (change) => {
  const lifecycle = change.type.lifecycle
  if (!lifecycle) return
  const field = lifecycle.field
  const label = (state: unknown) => lifecycle.states.find((s) => s.id === state)?.label.en ?? String(state)
  if (change.action === 'create') {
    if (change.data?.[field] !== undefined && change.data[field] !== lifecycle.initial) {
      throw new VeritrailError('transition_not_allowed', `A new ${change.type.title.en} starts as “${label(lifecycle.initial)}”.`, { errors: [{ path: `data.${field}`, message: `Must be ${lifecycle.initial}.` }] })
    }
    return
  }
  const current = change.current!
  const from = current.data?.[field]
  const lock = lifecycle.states.find((s) => s.id === from)?.locks
  if (change.action === 'delete') {
    if (lock) throw new VeritrailError('record_locked', `This ${change.type.title.en} is “${label(from)}” and locked: it cannot be deleted.`)
    return
  }
  const to = change.data?.[field]
  if (from !== to) {
    await checkTransition(change, from, to, label)
    const others = change.changes.filter((c) => c.field !== field)
    if (lock && others.length > 0) refuseLocked(change, from, label, true)
    return
  }
  if (lock === true) refuseLocked(change, from, label, false)
  if (lock === 'change-control') {
    if (!change.ctx.authorizer || change.ctx.authorizer.id === change.ctx.actor.id || !change.changeControl) {
      throw new VeritrailError('record_locked', `This ${change.type.title.en} is “${label(from)}”: changing it needs a change-control reference and a second person’s approval.`, {
        errors: [{ path: change.changeControl ? 'authorization' : 'changeControl', message: 'Required for a locked record.' }],
      })
    }
  }
}

async function checkTransition(change: GuardedChange, from: unknown, to: unknown, label: (s: unknown) => string): Promise<void> {
  const lifecycle = change.type.lifecycle!
  const transition = lifecycle.transitions.find((t) => t.from === from && t.to === to)
  if (!transition) {
    const allowed = lifecycle.transitions.filter((t) => t.from === from).map((t) => `“${label(t.to)}”`)
    throw new VeritrailError('transition_not_allowed', `A ${change.type.title.en} cannot go from “${label(from)}” to “${label(to)}”${allowed.length ? `; from here it can go to ${allowed.join(', ')}` : '; no change of state is possible from here'}.`, {
      errors: [{ path: `data.${lifecycle.field}`, message: 'Not an allowed transition.' }],
    })
  }
  if (transition.roles && !transition.roles.includes(change.ctx.actor.role)) {
    throw new VeritrailError('forbidden', `Moving a ${change.type.title.en} to “${label(to)}” needs the role ${transition.roles.join(' or ')}.`)
  }
  const current = change.current!
  if (transition.signatures?.length) {
    const valid = (await signaturesOf(change.tx.sql, change.type.id, current.id)).filter((s) => s.recordVersion === current.version && !s.withdrawnTs)
    const missing = transition.signatures.filter((m) => !valid.some((s) => s.meaning === m))
    if (missing.length > 0) {
      throw new VeritrailError('transition_not_allowed', `Moving to “${label(to)}” needs the ${missing.join(' and ')} signature(s) on version ${current.version} first.`, { details: { missingSignatures: missing } })
    }
  }
  if (transition.requiresReview && (await completedReviewsCovering(change.tx.sql, change.type.id, current.id, current.seq)).length === 0) {
    throw new VeritrailError('transition_not_allowed', `Moving to “${label(to)}” needs a completed audit-trail review of this record first.`, { details: { needs: 'completed review' } })
  }
}

function refuseLocked(change: GuardedChange, state: unknown, label: (s: unknown) => string, withTransition: boolean): never {
  throw new VeritrailError('record_locked', `This ${change.type.title.en} is “${label(state)}” and read-only${withTransition ? ': change its state without changing other fields' : ''}. A correction needs a new record or a change control.`)
}
