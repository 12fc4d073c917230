import { describe, expect, it } from 'vitest'
import { isVeritrailError } from '../../../errors.js'
import { declarativeRuleJsonSchema, defineDeclarativeRule } from './define.js'

const valid = {
  meta: {
    id: 'acme.repeated-results',
    version: '1.2.0',
    severity: 'critical',
    title: { en: 'Repeated results', 'zh-CN': '重复结果' },
    description: { en: 'The same result changed again and again', 'zh-CN': '同一结果被反复修改' },
  },
  when: {
    trail: 'data',
    actions: ['update', 'ingest'],
    recordTypes: ['meddev.*', 'lims.result'],
    changes: { critical: ['CQA', 'CPP'], old: 'present' },
    not: { source: { systems: ['LIMS'] } },
    anyOf: [{ reason: 'present' }, { time: { workingHours: 'outside', between: { from: '22:00', to: '06:00' } } }],
  },
  window: { minutes: 30, atLeast: 3, by: 'field' },
  message: {
    en: '{actor} changed “{field.label}” of {record} {count} times within {window}: {old} → {new}.',
    'zh-CN': '{actor}在{window}内将{record}的“{field.label}”修改了 {count} 次：{old} → {new}。',
  },
}

function refusal(json: unknown) {
  try {
    defineDeclarativeRule(json)
  } catch (error) {
    if (isVeritrailError(error)) return error
    throw error
  }
  throw new Error('expected a refusal')
}

function without(obj: Record<string, unknown>, path: string[], value: unknown): unknown {
  const copy = structuredClone(obj)
  let at: Record<string, unknown> = copy
  for (const key of path.slice(0, -1)) at = at[key] as Record<string, unknown>
  if (value === undefined) delete at[path.at(-1)!]
  else at[path.at(-1)!] = value
  return copy
}

describe('declarative rules', () => {
  it('accepts a full rule and keeps it as data', () => {
    const rule = defineDeclarativeRule(valid)
    expect(rule).toMatchObject({ kind: 'declarative', meta: { id: 'acme.repeated-results' }, window: { atLeast: 3 } })
    expect(JSON.parse(JSON.stringify(rule))).toMatchObject(valid)
  })

  it('refuses a bad rule with a readable error naming the path', () => {
    const cases: [string[], unknown, string, RegExp][] = [
      [['when', 'actions'], ['update', 'edit'], 'when.actions.1', /Not an action/],
      [['when', 'bogus'], true, 'when.bogus', /.+/],
      [['when'], {}, 'when', /at least one test/],
      [['when', 'changes', 'fieldPattern'], '(a+)+$', 'when.changes.fieldPattern', /nested quantifiers/],
      [['when', 'changes', 'fieldPattern'], '([', 'when.changes.fieldPattern', /regular expression/],
      [['when', 'anyOf', '1', 'time', 'between', 'from'], '7:00', 'when.anyOf.1.time.between.from', /HH:MM/],
      [['when', 'anyOf', '1', 'time', 'days'], [7], 'when.anyOf.1.time.days.0', /.+/],
      [['window', 'atLeast'], 1, 'window.atLeast', /at least 2/],
      [['window', 'by'], 'session', 'window.by', /Count by/],
      [['message', 'zh-CN'], undefined, 'message.zh-CN', /.+/],
      [['message', 'en'], 'Changed by {actor.email}.', 'message.en', /Unknown placeholder\(s\): \{actor\.email\}/],
      [['meta', 'severity'], 'high', 'meta.severity', /info, warning or critical/],
    ]
    for (const [path, value, errorPath, message] of cases) {
      const error = refusal(without(valid, path, value))
      expect(error.code, path.join('.')).toBe('validation_failed')
      const problem = error.errors!.find((e) => e.path === errorPath)
      expect(problem, `${path.join('.')}: ${JSON.stringify(error.errors)}`).toBeDefined()
      expect(problem!.message).toMatch(message)
      expect(error.message).toMatch(/^The declarative rule “acme.repeated-results” is not valid: /)
    }
  })

  it('refuses nested conditions that are empty or wrong', () => {
    const error = refusal(without(valid, ['when', 'anyOf'], [{ reason: 'sometimes' }, {}]))
    expect(error.errors!.map((e) => e.path)).toEqual(expect.arrayContaining(['when.anyOf.0.reason', 'when.anyOf.1']))
  })

  it('has a JSON Schema for editors and partner tooling', () => {
    const schema = declarativeRuleJsonSchema() as Record<string, any>
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#')
    expect(schema.required).toEqual(['meta', 'when', 'message'])
    expect(schema.additionalProperties).toBe(false)
    expect(schema.properties.window.properties.by.enum).toEqual(['actor', 'user', 'record', 'field'])
    expect(JSON.stringify(schema)).toContain('"config_change"')
    // the recursive condition is a definition referenced from `when`, `anyOf` and `not`
    expect(JSON.stringify(schema.properties.when)).toContain('$ref')
  })
})
