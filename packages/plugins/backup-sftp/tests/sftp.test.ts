import { join } from 'node:path'
import { existsSync, readdirSync } from 'node:fs'
import SftpClient from 'ssh2-sftp-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { backupTargetConformance, openBackups, openCore, staticRegistry } from '@veritrail/core'
import { parseSftpConfig, sftpTarget } from '../src/index.js'
import { startSshd, type TestSshd } from './sshd.js'

let sshd: TestSshd
beforeAll(async () => {
  sshd = await startSshd()
})
afterAll(async () => {
  await sshd?.stop()
})

const config = (extra: Record<string, unknown> = {}) =>
  parseSftpConfig({
    host: '127.0.0.1',
    port: sshd.port,
    hostKeySha256: sshd.hostKeySha256,
    dir: sshd.root,
    username: sshd.username,
    privateKeyFile: sshd.backupKey,
    ...extra,
  })

describe('SFTP backup target against Debian OpenSSH on loopback', () => {
  it('passes the conformance kit (prune through the separate prune credentials)', async () => {
    await backupTargetConformance(
      () =>
        sftpTarget(config({ prune: { username: sshd.username, privateKeyFile: sshd.pruneKey } })),
      { largeBytes: 1024 * 1024 },
    )
  })

  it('the backup credentials cannot delete or overwrite a backup object (R-BK-05)', async () => {
    const target = sftpTarget(config())
    expect(target.capabilities).toEqual({
      immutable: false,
      encryptedInTransit: true,
      deletes: false,
    })
    expect(target.prune).toBeUndefined()
    await target.put('r-bk-05/object.age', new TextEncoder().encode('age-encryption.org/v1\n…'))
    const raw = new SftpClient()
    await raw.connect({
      host: '127.0.0.1',
      port: sshd.port,
      username: sshd.username,
      privateKey: (await import('node:fs')).readFileSync(sshd.backupKey),
    })
    await expect(raw.delete(join(sshd.root, 'r-bk-05/object.age'))).rejects.toThrow(
      /denied|not permitted|Permission/i,
    )
    await raw.end()
    await expect(target.put('r-bk-05/object.age', new Uint8Array([1]))).rejects.toMatchObject({
      code: 'conflict',
    })
    expect(existsSync(join(sshd.root, 'r-bk-05/object.age'))).toBe(true)
  })

  it('refuses a server whose host key is not the pinned one', async () => {
    const wrong = sftpTarget(config({ hostKeySha256: `SHA256:${'A'.repeat(43)}` }))
    await expect(wrong.stat('x')).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringMatching(/host key/),
    })
  })

  it('holds a real backup chain that drills clean', async () => {
    const data = join(sshd.dir, 'data')
    const core = await openCore({
      dataDir: data,
      registry: staticRegistry([]),
      timeZone: 'UTC',
      program: 'vitest',
    })
    const engine = await openBackups({ core, targets: async () => [sftpTarget(config())] })
    try {
      await core.ledger.append(
        Array.from({ length: 50 }, (_, i) => ({
          trail: 'system' as const,
          actor: {
            id: 'u',
            username: 'u',
            displayName: 'U',
            role: 'sysadmin',
            type: 'person' as const,
          },
          action: 'login' as const,
          correlationId: `c${i}`,
          client: { ip: '', userAgent: 't' },
        })),
      )
      const full = await engine.run({ target: 'sftp', kind: 'full' })
      await core.ledger.append([
        {
          trail: 'system',
          actor: { id: 'u', username: 'u', displayName: 'U', role: 'sysadmin', type: 'person' },
          action: 'logout',
          correlationId: 'z',
          client: { ip: '', userAgent: 't' },
        },
      ])
      const inc = await engine.run({ target: 'sftp', kind: 'incremental' })
      expect(inc.kind).toBe('incremental')
      expect((await engine.verify(full.id)).ok).toBe(true)
      const drill = await engine.drill(inc.id)
      expect(drill).toMatchObject({ ok: true, matchesCheckpoint: true })
      expect(readdirSync(join(sshd.root, core.installId, 'sets'))).toHaveLength(2)
    } finally {
      await engine.close()
      await core.close()
    }
  })
})
