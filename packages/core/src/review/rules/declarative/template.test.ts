import { describe, expect, it } from 'vitest'
import { fillTemplate, parseTemplate, unknownPlaceholders } from './template.js'

describe('message templates', () => {
  it('fills known placeholders and leaves other braces alone', () => {
    const parts = parseTemplate('{actor} changed {field.label} {old} → {new} ({details.username}, {x}) {}')
    const text = fillTemplate(parts, (name) => `<${name}>`)
    expect(text).toBe('<actor> changed <field.label> <old> → <new> (<details.username>, {x}) {}')
  })

  it('names unknown placeholders', () => {
    expect(unknownPlaceholders('{actor} {actor.email} {details.a.b} {record}')).toEqual(['actor.email', 'details.a.b'])
    expect(unknownPlaceholders('{count} times within {window}')).toEqual([])
  })
})
