import { describe, expect, it } from 'vitest'
import { isVeritrailError } from '../errors.js'
import { defineDeclarativeRule } from '../review/rules/declarative/define.js'
import { defineRule, isExceptionRule, type CodeRule } from './exception-rule.js'

const meta = {
  id: 'acme.late-night',
  version: '1.0.0',
  severity: 'warning' as const,
  description: { en: 'Changes after midnight', 'zh-CN': '午夜后的修改' },
}

function refusal(fn: () => unknown) {
  try {
    fn()
  } catch (error) {
    if (isVeritrailError(error)) return error
    throw error
  }
  throw new Error('expected a refusal')
}

describe('defineRule', () => {
  it('returns a frozen, tagged code rule that evaluates', async () => {
    const rule = defineRule({
      meta,
      evaluate: (entries) => entries.map((e) => ({ seq: e.seq, trail: e.trail, message: { en: 'x', 'zh-CN': 'x' } })),
    })
    expect(rule.kind).toBe('code')
    expect(Object.isFrozen(rule)).toBe(true)
    expect(isExceptionRule(rule)).toBe(true)
    expect(isExceptionRule({ ...meta })).toBe(false)
    expect(await rule.evaluate([], undefined as never)).toEqual([])
  })

  it('refuses bad meta with the path and a sentence', () => {
    const cases: [unknown, string][] = [
      [{ ...meta, id: 'NoPack' }, 'id'],
      [{ ...meta, version: 'v1' }, 'version'],
      [{ ...meta, severity: 'fatal' }, 'severity'],
      [{ ...meta, description: { en: 'only English' } }, 'description.zh-CN'],
      [{ ...meta, description: { en: '  ', 'zh-CN': '说明' } }, 'description.en'],
      [{ ...meta, extra: 1 }, 'extra'],
    ]
    for (const [bad, path] of cases) {
      const error = refusal(() => defineRule({ meta: bad as CodeRule['meta'], evaluate: () => [] }))
      expect(error.code).toBe('validation_failed')
      expect(error.errors!.map((e) => e.path)).toContain(path)
      expect(error.message).toMatch(/^The exception rule .* is not valid: /)
    }
    const noEvaluate = refusal(() => defineRule({ meta } as never))
    expect(noEvaluate.message).toContain('evaluate(entries, ctx)')
  })

  it('tags declarative rules too', () => {
    const rule = defineDeclarativeRule({
      meta,
      when: { actions: ['delete'] },
      message: { en: '{actor} deleted {record}.', 'zh-CN': '{actor}删除了{record}。' },
    })
    expect(isExceptionRule(rule)).toBe(true)
    expect(rule.kind).toBe('declarative')
  })
})
