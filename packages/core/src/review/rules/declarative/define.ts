import { toJsonSchema } from '@valibot/to-json-schema'
import * as v from 'valibot'
import type { JsonValue } from '../../../canonical/canonical-json.js'
import { refuseIssues, tagRule, type DeclarativeRule } from '../../../extension/exception-rule.js'
import { DeclarativeRuleSchema } from './schema.js'

/**
 * Validates a declarative rule (plain JSON, e.g. read from a partner pack) and returns it tagged,
 * ready to register. The core evaluates it; no code of the pack runs.
 *
 * @throws VeritrailError `validation_failed`: the message names the first problem with its path,
 *   `errors` lists them all.
 * @example
 * const deleted = defineDeclarativeRule({
 *   meta: { id: 'acme.deleted', version: '1.0.0', severity: 'warning',
 *     description: { en: 'Deleted records', 'zh-CN': '删除的记录' } },
 *   when: { trail: 'data', actions: ['delete'] },
 *   message: { en: '{actor} deleted {record}. Reason: {reason}.', 'zh-CN': '{actor}删除了{record}。原因：{reason}。' },
 * })
 */
export function defineDeclarativeRule(json: unknown): DeclarativeRule {
  const parsed = v.safeParse(DeclarativeRuleSchema, json)
  if (!parsed.success) {
    const id = (json as { meta?: { id?: unknown } } | null)?.meta?.id
    throw refuseIssues(`The declarative rule${typeof id === 'string' ? ` “${id}”` : ''}`, parsed.issues)
  }
  return tagRule({ kind: 'declarative', ...parsed.output })
}

let cached: JsonValue | undefined

/** The JSON Schema (draft-07) of the declarative rule format, for editors and partner tooling. */
export function declarativeRuleJsonSchema(): JsonValue {
  cached ??= toJsonSchema(DeclarativeRuleSchema, { errorMode: 'ignore' }) as unknown as JsonValue
  return cached
}
