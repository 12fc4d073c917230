import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { defineDeclarativeRule, isExceptionRule, parseManifest, type ExceptionRule } from '@veritrail/core'
import { activate, gmpRules } from '../src/index.js'

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))

describe('the GMP rule pack', () => {
  it('declares in its manifest exactly the rules it registers', () => {
    const read = parseManifest(manifest)
    expect(read.success ? [] : read.problems).toEqual([])
    expect(manifest.veritrail.activation).toEqual(['onReview'])
    expect(manifest.veritrail.contributes.exceptionRules).toEqual(gmpRules.map((r) => ({ id: r.meta.id, version: r.meta.version })))
  })

  it('registers every rule on activation and undoes it on dispose', () => {
    const registered = new Map<string, ExceptionRule>()
    const disposables = activate({
      exceptionRules: {
        register(rule) {
          expect(isExceptionRule(rule)).toBe(true)
          registered.set(rule.meta.id, rule)
          return { dispose: () => void registered.delete(rule.meta.id) }
        },
      },
    })
    expect([...registered.keys()]).toEqual(gmpRules.map((r) => r.meta.id))
    for (const d of disposables) d.dispose()
    expect(registered.size).toBe(0)
  })

  it('ships its declarative rules as plain JSON a partner could write', () => {
    const declarative = gmpRules.filter((r) => r.kind === 'declarative')
    expect(declarative).toHaveLength(18)
    for (const rule of declarative) {
      const json = JSON.parse(JSON.stringify(rule)) as Record<string, unknown>
      delete json.kind
      expect(defineDeclarativeRule(json), rule.meta.id).toMatchObject({ meta: rule.meta })
    }
    expect(gmpRules.filter((r) => r.kind === 'code').map((r) => r.meta.id)).toEqual(['gmp.changed-after-signature', 'gmp.changed-after-review'])
  })
})
