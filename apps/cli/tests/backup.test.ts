import { chmodSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openCore, staticRegistry, SYSTEM_ACTOR } from '@veritrail/core'
import { runCli } from '../src/main.js'

const root = mkdtempSync(join(tmpdir(), 'veritrail-cli-backup-'))
const data = join(root, 'data')
afterAll(() => rmSync(root, { recursive: true, force: true }))

async function cli(...argv: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(
    argv,
    (l) => out.push(l),
    (l) => err.push(l),
  )
  return { code, out: out.join('\n'), err: err.join('\n') }
}

async function write(n: number) {
  const core = await openCore({
    dataDir: data,
    registry: staticRegistry([]),
    timeZone: 'UTC',
    program: 'vitest',
  })
  await core.ledger.append(
    Array.from({ length: n }, (_, i) => ({
      trail: 'system' as const,
      actor: SYSTEM_ACTOR,
      action: 'verify' as const,
      correlationId: `c${i}`,
      client: { ip: '', userAgent: 'vitest' },
      details: { i },
    })),
  )
  await core.close()
}

describe('veritrail backup … and restore-drill', () => {
  it('runs, lists, verifies, drills and restores; verify accepts the restored directory, a damaged set exits 1', async () => {
    await write(30)
    const full = await cli('backup', 'run', '--data', data, '--target', 'local', '--kind', 'full')
    expect(full.code, full.err).toBe(0)
    const id = /Backup (\S+): full to backup\.local/.exec(full.out)![1]!
    const listed = await cli('backup', 'list', '--data', data)
    expect(listed.out).toContain(`${id}  completed full`)
    const verified = await cli('backup', 'verify', id, '--data', data)
    expect(verified.code, verified.out).toBe(0)
    expect(verified.out).toContain('Result: INTACT')
    const drill = await cli('restore-drill', '--data', data)
    expect(drill.code, drill.out).toBe(0)
    expect(drill.out).toMatch(/matches the signed checkpoints: yes/)
    expect(drill.out).toMatch(/recovery time: \d+\.\d\d s/)

    const to = join(root, 'restored')
    const restored = await cli('backup', 'restore', id, '--data', data, '--to', to)
    expect(restored.code, restored.err).toBe(0)
    // Nothing newer than this set was published to the target, so the epoch continues.
    expect(restored.err).not.toMatch(/NEW EPOCH/)
    const check = await cli('verify', '--data', to)
    expect(check.code, check.out).toBe(0)
    expect(check.out).toContain('Result: INTACT')

    // From the folder alone (removable media) with the identity file, into another directory.
    const again = await cli(
      'backup',
      'restore',
      id,
      '--from',
      join(data, 'backups'),
      '--identity',
      join(data, 'keys', 'backup.agekey'),
      '--to',
      join(root, 'from-media'),
    )
    expect(again.code, again.err).toBe(0)

    const set = join(
      data,
      'backups',
      readdirSync(join(data, 'backups')).find((d) => d.startsWith('vt-'))!,
      'sets',
      id,
    )
    const db = join(set, 'database.sqlite.zst.age')
    const bytes = readFileSync(db)
    bytes[bytes.length >> 1]! ^= 0x10
    chmodSync(db, 0o644)
    writeFileSync(db, bytes)
    const damaged = await cli('backup', 'verify', id, '--data', data)
    expect(damaged.code).toBe(1)
    expect(damaged.out).toMatch(/PROBLEM: database\.sqlite\.zst\.age has SHA-256/)
    const refused = await cli(
      'backup',
      'restore',
      id,
      '--data',
      data,
      '--to',
      join(root, 'refused'),
    )
    expect(refused.code).toBe(1)
    expect(refused.err).toMatch(/failed verification/)
  })
})
