import { appendFileSync, cpSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { isVeritrailError } from '../../src/errors.js'
import { generateSignerKey } from '../../src/ledger/note-keys.js'
import { signPack } from '../../src/extension/signing/pack-signature.js'
import { pluginEvents } from '../../src/store/queries/plugins.js'
import { admin, FIXTURES, pluginEntries, world, type World } from './helpers.js'

let w: World
afterEach(() => w.close())

const GOOD = '@partner/good-rules'
const info = (id = GOOD) => w.host.list().find((p) => p.id === id)!

async function refusal(p: Promise<unknown>) {
  try {
    await p
  } catch (error) {
    if (isVeritrailError(error)) return error
    throw error
  }
  throw new Error('expected a refusal')
}

describe('an unsigned third-party pack', () => {
  it('loads only once installed and trusted, each step a system-trail entry and a plugin_events row', async () => {
    w = await world(['good-rules'])
    expect(info()).toMatchObject({
      status: 'not-installed',
      signed: false,
      trusted: false,
      publisher: null,
    })
    expect(await w.host.exceptionRules()).toEqual([])

    await w.host.install(GOOD, admin())
    expect(info()).toMatchObject({ status: 'untrusted', enabled: true })
    expect(info().problems[0]).toMatch(
      /It is not signed\. An administrator must trust this exact pack \(manifest hash [0-9a-f]{64}\)/,
    )
    expect(await w.host.exceptionRules()).toEqual([])

    await w.host.trust(GOOD, admin())
    expect(info()).toMatchObject({ status: 'ready', trusted: true, signed: false })
    expect((await w.host.exceptionRules()).map((r) => r.rule.meta.id).sort()).toEqual([
      'partner.deletes',
      'partner.nightShift',
    ])
    expect(info().status).toBe('active')

    await w.host.disable(GOOD, admin(), 'validation pending')
    expect(info()).toMatchObject({ status: 'disabled', enabled: false })
    expect(await w.host.exceptionRules()).toEqual([])
    await w.host.enable(GOOD, admin())
    expect(info().status).toBe('ready')

    const hash = info().manifestHash!
    const entries = await pluginEntries(w.core)
    expect(
      entries.map((e) => [
        e.action,
        e.actor.username,
        e.details?.plugin,
        e.details?.version,
        e.details?.manifestHash,
      ]),
    ).toEqual([
      ['plugin_install', 'ada', GOOD, '2.0.0', hash],
      ['plugin_trust', 'ada', GOOD, '2.0.0', hash],
      ['plugin_disable', 'ada', GOOD, '2.0.0', hash],
      ['plugin_enable', 'ada', GOOD, '2.0.0', hash],
    ])
    expect(entries[2]!.details).toMatchObject({
      reason: 'validation pending',
      origin: 'third-party',
      signed: false,
    })
    const rows = await pluginEvents(w.core.store.read.sql, GOOD)
    expect(rows.map((r) => [r.event, r.manifestHash, r.seq])).toEqual(
      entries.map((e, i) => [['install', 'trust', 'disable', 'enable'][i], hash, e.seq]),
    )
    // Refusals change nothing.
    expect((await refusal(w.host.trust(GOOD, admin()))).code).toBe('conflict')
    expect((await refusal(w.host.install(GOOD, admin()))).message).toMatch(
      /already installed; to accept new files, upgrade it/,
    )
    expect(await pluginEntries(w.core)).toHaveLength(4)
  })

  it('loses its trust when any file changes, until upgraded and trusted again', async () => {
    w = await world(['good-rules'])
    await w.host.install(GOOD, admin())
    await w.host.trust(GOOD, admin())
    const trustedHash = info().manifestHash
    appendFileSync(join(w.pluginsDir, 'good-rules', 'index.js'), '\n// one more line\n')
    await w.host.refresh()
    expect(info()).toMatchObject({ status: 'changed', trusted: false })
    expect(info().manifestHash).not.toBe(trustedHash)
    expect(await w.host.exceptionRules()).toEqual([])

    await w.host.upgrade(GOOD, admin())
    expect(info().status).toBe('untrusted')
    await w.host.trust(GOOD, admin())
    expect(info().status).toBe('ready')
    const upgrade = (await pluginEntries(w.core)).find((e) => e.action === 'plugin_upgrade')!
    expect(upgrade.details).toMatchObject({
      manifestHash: info().manifestHash,
      previousManifestHash: trustedHash,
      previousVersion: '2.0.0',
    })
  })
})

describe('a signed third-party pack', () => {
  function signed(): { verifierKey: string } {
    const key = generateSignerKey('partner.example')
    signPack(join(w.pluginsDir, 'good-rules'), key.signerKey)
    return key
  }

  it('loads once installed when its publisher key is in the trust store', async () => {
    w = await world(['good-rules'])
    const { verifierKey } = signed()
    await w.host.refresh()
    expect(info()).toMatchObject({
      status: 'not-installed',
      signed: false,
      publisher: expect.stringMatching(/^partner\.example\+[0-9a-f]{8}$/),
    })
    await w.host.addPublisherKey(verifierKey, admin())
    expect(await w.host.publisherKeys()).toEqual([verifierKey])
    await w.host.install(GOOD, admin())
    expect(info()).toMatchObject({ status: 'ready', signed: true, trusted: true })
    expect(await w.host.exceptionRules()).toHaveLength(2)

    await w.host.removePublisherKey(verifierKey, admin())
    expect(info()).toMatchObject({ status: 'untrusted', signed: false })
    const keyEntries = (await pluginEntries(w.core)).filter((e) => e.action === 'config_change')
    expect(
      keyEntries.map((e) => [e.details?.setting, e.details?.change, e.details?.verifierKey]),
    ).toEqual([
      ['plugins.publisherKeys', 'add', verifierKey],
      ['plugins.publisherKeys', 'remove', verifierKey],
    ])
    expect((await refusal(w.host.removePublisherKey(verifierKey, admin()))).code).toBe('not_found')
  })

  it('never loads once modified, not even when an administrator tries to trust it', async () => {
    w = await world(['good-rules'])
    const { verifierKey } = signed()
    await w.host.addPublisherKey(verifierKey, admin())
    await w.host.install(GOOD, admin())
    writeFileSync(join(w.pluginsDir, 'good-rules', 'extra.js'), 'export const planted = true\n')
    appendFileSync(join(w.pluginsDir, 'good-rules', 'index.js'), '\n')
    await w.host.refresh()
    expect(info().status).toBe('tampered')
    expect(info().problems[0]).toBe(
      'The files differ from what was signed: extra.js was added; index.js was modified.',
    )
    expect(await w.host.exceptionRules()).toEqual([])
    expect((await refusal(w.host.trust(GOOD, admin()))).code).toBe('verification_failed')
    expect((await refusal(w.host.upgrade(GOOD, admin()))).message).toMatch(
      /A modified pack never loads/,
    )
  })
})

describe('packs that cannot run', () => {
  it('are reported against their ids while the others load', async () => {
    w = await world([
      'good-rules',
      'bad-manifest',
      'missing-entry',
      'incompatible',
      'throws-in-activate',
      'undeclared',
    ])
    writeFileSync(join(w.pluginsDir, 'not-json'), 'a stray file is ignored')
    cpSync(join(FIXTURES, 'third-party', 'good-rules'), join(w.pluginsDir, 'copy-of-good'), {
      recursive: true,
    })
    rmSync(join(w.pluginsDir, 'copy-of-good', 'index.js'))
    await w.host.refresh()
    for (const id of [GOOD, '@broken/throws-in-activate', '@broken/undeclared']) {
      await w.host.install(id, admin())
      await w.host.trust(id, admin())
    }
    const rules = await w.host.exceptionRules()
    expect(rules.map((r) => `${r.pack} ${r.rule.meta.id}`).sort()).toEqual([
      '@partner/good-rules partner.deletes',
      '@partner/good-rules partner.nightShift',
    ])
    const byId = Object.fromEntries(w.host.list().map((p) => [p.id, p]))
    expect(byId['bad-manifest']).toMatchObject({
      status: 'invalid',
      problems: [expect.stringMatching(/^veritrail\.contributes\.rules: Invalid key/)],
    })
    expect(byId['@broken/missing-entry']).toMatchObject({
      status: 'invalid',
      problems: [expect.stringMatching(/entry file .*dist\/index\.js is missing/)],
    })
    expect(byId['@old/incompatible']).toMatchObject({
      status: 'incompatible',
      problems: [
        '@old/incompatible 3.0.0 needs Veritrail >=7.0.0, but this is Veritrail 0.1.0; install a version of the plugin made for 0.1.0.',
      ],
    })
    expect(byId['@broken/throws-in-activate']).toMatchObject({
      status: 'failed',
      problems: [expect.stringMatching(/activate failed on purpose/)],
    })
    expect(byId['@broken/undeclared']!.status).toBe('active')
    expect(byId['@broken/undeclared']!.problems).toEqual([
      'It registered exception rule "broken.declared" version "9.9.9", but its manifest declares version 1.0.0; the registration was refused.',
      'It registered exception rule "broken.sneaky", which its manifest does not declare under contributes.exceptionRules; the registration was refused.',
      'Its manifest declares exception rule “broken.declared”, but activate did not register it.',
    ])
    expect(w.host.list().filter((p) => p.id === GOOD)).toHaveLength(2)
    expect(w.host.list().find((p) => p.dir.endsWith('copy-of-good'))).toMatchObject({
      status: 'invalid',
      problems: [expect.stringMatching(/A plugin named @partner\/good-rules was already found in/)],
    })
  })
})
