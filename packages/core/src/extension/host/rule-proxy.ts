import * as v from 'valibot'
import { defineDeclarativeRule } from '../../review/rules/declarative/define.js'
import { RUNS_IN } from '../../review/rules/engine.js'
import {
  RuleMetaSchema,
  tagRule,
  type CodeRule,
  type ExceptionRule,
  type RuleContext,
} from '../exception-rule.js'
import type { SandboxRule } from '../sandbox/runtime-api.js'
import type { SandboxedPack } from './sandboxed-pack.js'

/**
 * A code rule whose `evaluate` runs in `pack`'s sandbox. Its findings come back as data; a rule
 * that throws, times out or crashes its sandbox rejects with a `plugin_error` naming the plugin.
 */
export function sandboxedCodeRule(meta: CodeRule['meta'], pack: SandboxedPack): CodeRule {
  const rule: CodeRule = {
    kind: 'code',
    meta,
    evaluate: (entries, ctx: RuleContext) => pack.evaluate(meta.id, entries, ctx) as Promise<never>,
  }
  return tagRule(Object.assign(rule, { [RUNS_IN]: pack.kind }))
}

/**
 * Turns what a sandbox reported into a rule the host can use, validating it again: the host
 * trusts nothing a sandbox says. Answers the rule, or the sentence saying why it was refused.
 */
export function ruleFromSandbox(
  reported: SandboxRule,
  pack: SandboxedPack,
): { rule: ExceptionRule } | { refused: string } {
  try {
    if (reported.kind === 'declarative') {
      const { kind: _kind, ...definition } = reported.definition as Record<string, unknown>
      return { rule: defineDeclarativeRule(definition) }
    }
    const meta = v.safeParse(RuleMetaSchema, reported.meta)
    if (!meta.success) {
      return {
        refused: `Its rule ${JSON.stringify(reported.meta?.id)} has invalid meta: ${meta.issues[0].message}`,
      }
    }
    return { rule: sandboxedCodeRule(meta.output, pack) }
  } catch (error) {
    return { refused: error instanceof Error ? error.message : String(error) }
  }
}
