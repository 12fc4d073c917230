import type { ExceptionRule } from '@veritrail/core'
import { gmpRules } from './rules.js'

/** Something a registration returns so the host can undo it when the plugin is deactivated. */
export interface Disposable {
  dispose(): void
}

/** The part of the plugin host's context this pack uses. */
export interface GmpActivationContext {
  exceptionRules: { register(rule: ExceptionRule): Disposable }
}

/**
 * Registers every rule of the pack; ids and versions match `contributes.exceptionRules` in
 * package.json. Returns the registrations' disposables.
 */
export function activate(ctx: GmpActivationContext): Disposable[] {
  return gmpRules.map((rule) => ctx.exceptionRules.register(rule))
}
