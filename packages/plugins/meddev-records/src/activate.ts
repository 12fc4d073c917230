import type { ExceptionRule, RecordTypeDefinition } from '@veritrail/core'
import { meddevRecordTypes } from './types/index.js'
import { meddevRules } from './rules/index.js'

/** Something a registration returns so the host can undo it when the plugin is deactivated. */
export interface Disposable {
  dispose(): void
}

/** The part of the plugin host's context this pack uses (the host contract formalises it). */
export interface MeddevActivationContext {
  recordTypes: { register(type: RecordTypeDefinition): Disposable }
  exceptionRules?: { register(rule: ExceptionRule): Disposable }
}

/**
 * Registers every record type and exception rule of the pack; the ids and versions match the
 * `veritrail` manifest in package.json. Returns the registrations' disposables.
 */
export function activate(ctx: MeddevActivationContext): Disposable[] {
  return [
    ...meddevRecordTypes.map((type) => ctx.recordTypes.register(type)),
    ...(ctx.exceptionRules ? meddevRules.map((rule) => ctx.exceptionRules!.register(rule)) : []),
  ]
}
