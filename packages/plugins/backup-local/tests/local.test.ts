import { mkdtempSync, rmSync, writeFileSync, chmodSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { backupTargetConformance, type BackupTarget, type PluginContext } from '@veritrail/core'
import { activate, localTarget } from '../src/index.js'
import manifest from '../package.json' with { type: 'json' }

let dir: string
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('local backup target', () => {
  it('passes the backup-target conformance kit and leaves nothing behind', async () => {
    dir = mkdtempSync(join(tmpdir(), 'veritrail-local-'))
    await backupTargetConformance(() => localTarget(dir))
    const left = readdirSync(join(dir, 'backups'), { recursive: true, withFileTypes: true }).filter(
      (e) => e.isFile(),
    )
    expect(left).toEqual([])
  })

  it('registers the id its manifest declares, below VERITRAIL_DATA/backups unless configured', async () => {
    dir = mkdtempSync(join(tmpdir(), 'veritrail-local-'))
    const registered: BackupTarget[] = []
    const ctx = {
      dataDir: dir,
      backupTargets: { register: (t: BackupTarget) => (registered.push(t), { dispose() {} }) },
    } as unknown as PluginContext
    activate(ctx)
    expect(registered.map((t) => t.id)).toEqual(
      manifest.veritrail.contributes.backupTargets.map((t) => t.id),
    )
    await registered[0]!.put('probe/one.bin', new Uint8Array([1, 2, 3]))
    expect(readdirSync(join(dir, 'backups', 'probe'))).toEqual(['one.bin'])
    // A removable medium that must never be pruned from here.
    const usb = join(dir, 'usb')
    writeFileSync(
      join(dir, 'backup-targets.json'),
      JSON.stringify({ 'backup.local': { dir: usb, deletes: false } }),
    )
    chmodSync(join(dir, 'backup-targets.json'), 0o600)
    const configured = localTarget(dir)
    expect(configured.capabilities.deletes).toBe(false)
    expect(configured.prune).toBeUndefined()
    await configured.put('x.bin', new Uint8Array([9]))
    expect(readdirSync(usb).filter((n) => n !== '.incoming')).toEqual(['x.bin'])
    chmodSync(join(dir, 'backup-targets.json'), 0o644)
    expect(() => localTarget(dir)).toThrow(/chmod 600/)
  })
})
