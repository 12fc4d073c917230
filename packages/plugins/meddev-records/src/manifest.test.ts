import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { RecordTypeDefinition } from '@veritrail/core'
import { activate } from './activate.js'
import { meddevRecordTypes } from './types/index.js'

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  name: string
  veritrail: {
    engine: string
    activation: string[]
    contributes: { recordTypes: { id: string; version: string }[] }
  }
}

describe('plugin manifest', () => {
  it('declares exactly the record types the code defines', () => {
    const declared = manifest.veritrail.contributes.recordTypes
    expect(declared).toEqual(meddevRecordTypes.map((t) => ({ id: t.id, version: t.version })))
    expect(manifest.name).toBe('@veritrail/plugin-meddev-records')
    expect(manifest.veritrail.engine).toBe('^0.1.0')
  })

  it('activate() registers every type once and returns one disposable per registration', () => {
    const registered: RecordTypeDefinition[] = []
    const disposed: string[] = []
    const disposables = activate({
      recordTypes: {
        register(type) {
          registered.push(type)
          return { dispose: () => disposed.push(type.id) }
        },
      },
    })
    expect(registered).toEqual(meddevRecordTypes)
    for (const d of disposables) d.dispose()
    expect(disposed).toEqual(meddevRecordTypes.map((t) => t.id))
  })
})
