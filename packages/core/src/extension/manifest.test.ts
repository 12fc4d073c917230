import { describe, expect, it } from 'vitest'
import { activatesOn, engineProblem, parseManifest, type PluginManifest } from './manifest.js'

const good = {
  name: '@acme/rules',
  version: '1.2.0',
  main: 'index.js',
  veritrail: {
    engine: '^0.1.0',
    contributes: {
      recordTypes: [{ id: 'acme.sample', version: '1.0.0' }],
      exceptionRules: [{ id: 'acme.lateEntry', version: '2.0.1' }],
    },
  },
}

function manifest(patch: Record<string, unknown> = {}): PluginManifest {
  const read = parseManifest({ ...good, veritrail: { ...good.veritrail, ...patch } })
  if (!read.success) throw new Error(read.problems.join('; '))
  return read.manifest
}

describe('parseManifest', () => {
  it('reads a manifest and fills absent contribution lists', () => {
    expect(manifest().veritrail.contributes).toEqual({
      recordTypes: [{ id: 'acme.sample', version: '1.0.0' }],
      exceptionRules: [{ id: 'acme.lateEntry', version: '2.0.1' }],
      exporters: [],
      backupTargets: [],
    })
  })

  it('refuses, in sentences, what it does not understand', () => {
    const problems = (json: unknown) => {
      const read = parseManifest(json)
      return read.success ? [] : read.problems
    }
    expect(problems({ name: 'x', version: '1.0.0' })).toEqual([
      'package.json has no "veritrail" block, so it is not a Veritrail plugin.',
    ])
    expect(problems({ ...good, veritrail: { ...good.veritrail, engin: '^1' } })).toEqual([
      expect.stringMatching(/^veritrail\.engin: Invalid key/),
    ])
    expect(problems({ ...good, veritrail: { ...good.veritrail, engine: 'soon' } })).toEqual([
      'veritrail.engine: engine must be a semver range such as ^0.1.0.',
    ])
    expect(problems({ ...good, version: '1.0' })).toEqual([
      'version: A version is a semantic version such as 1.0.0.',
    ])
    expect(
      problems({
        ...good,
        veritrail: {
          ...good.veritrail,
          contributes: { exporters: [{ id: 'csv' }, { id: 'acme.a' }, { id: 'acme.a' }] },
        },
      }),
    ).toEqual([
      'veritrail.contributes.exporters.0.id: An exporter id reads <pack>.<name>, e.g. acme.batch.',
      'veritrail.contributes.exporters: Each exporter id may be declared once.',
    ])
    expect(
      problems({
        ...good,
        veritrail: { ...good.veritrail, activation: ['onRecordType:acme.other', 'whenever'] },
      }),
    ).toEqual([expect.stringMatching(/^veritrail\.activation\.1: An activation event reads/)])
    expect(
      problems({
        ...good,
        veritrail: { ...good.veritrail, activation: ['onRecordType:acme.other'] },
      }),
    ).toEqual([
      'veritrail.activation: onRecordType:acme.other names a contribution the manifest does not declare.',
    ])
  })
})

describe('activation and engine', () => {
  it('activates on any contribution by default, else on the listed events', () => {
    expect(activatesOn(manifest(), 'onExceptionRule:acme.lateEntry')).toBe(true)
    const lazy = manifest({ activation: ['onRecordType'] })
    expect(activatesOn(lazy, 'onRecordType:acme.sample')).toBe(true)
    expect(activatesOn(lazy, 'onExceptionRule:acme.lateEntry')).toBe(false)
    expect(activatesOn(manifest({ activation: ['onStartup'] }), 'onExporter:acme.x')).toBe(true)
    expect(
      activatesOn(manifest({ activation: ['onReview'] }), 'onExceptionRule:acme.lateEntry'),
    ).toBe(true)
    expect(activatesOn(manifest({ activation: ['onReview'] }), 'onRecordType:acme.sample')).toBe(
      false,
    )
  })

  it('explains an incompatible engine instead of failing', () => {
    expect(engineProblem(manifest(), '0.1.0')).toBeNull()
    expect(engineProblem(manifest({ engine: '^2.0.0' }), '0.1.0')).toBe(
      '@acme/rules 1.2.0 needs Veritrail ^2.0.0, but this is Veritrail 0.1.0; install a version of the plugin made for 0.1.0.',
    )
  })
})
