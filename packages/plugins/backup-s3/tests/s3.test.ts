import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AddressInfo } from 'node:net'
import { S3Client } from '@aws-sdk/client-s3'
// @ts-expect-error -- s3rver ships no types
import S3rver from 's3rver'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { backupTargetConformance, openBackups, openCore, staticRegistry } from '@veritrail/core'
import { parseS3Config, s3Target, type S3Config } from '../src/index.js'

let dir: string
let server: { close(): Promise<void> }
let endpoint: string
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'veritrail-s3-'))
  const s3rver = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory: join(dir, 's3'),
    configureBuckets: [{ name: 'backups' }],
  })
  const address = (await s3rver.run()) as AddressInfo
  endpoint = `http://127.0.0.1:${address.port}`
  server = s3rver
})
afterAll(async () => {
  await server?.close()
  rmSync(dir, { recursive: true, force: true })
})

const creds = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }
const config = (extra: Record<string, unknown> = {}): S3Config =>
  parseS3Config({ endpoint, bucket: 'backups', prefix: 'site-a/', credentials: creds, ...extra })

/** S3 clients whose requests the test can read (headers as sent). */
function observed(cfg: S3Config) {
  const requests: { method: string; path: string; headers: Record<string, string> }[] = []
  const factory = (credentials: S3Config['credentials']) => {
    const client = new S3Client({
      region: cfg.region,
      endpoint: cfg.endpoint,
      forcePathStyle: true,
      credentials,
    })
    client.middlewareStack.add(
      (next) => async (args) => {
        const r = args.request as { method: string; path: string; headers: Record<string, string> }
        requests.push({ method: r.method, path: r.path, headers: { ...r.headers } })
        return next(args)
      },
      { step: 'finalizeRequest', name: 'observe' },
    )
    return client
  }
  return { requests, factory }
}

describe('S3 backup target against s3rver on loopback', () => {
  it('passes the conformance kit, streaming large objects as multipart uploads', async () => {
    const cfg = config({ prune: creds })
    const { requests, factory } = observed(cfg)
    await backupTargetConformance(() => s3Target(cfg, factory), { largeBytes: 17 * 1024 * 1024 })
    // CreateMultipartUpload and CompleteMultipartUpload of the 17 MiB object.
    expect(requests.filter((r) => r.method === 'POST').length).toBeGreaterThanOrEqual(2)
  })

  it('asks for Object Lock retention on every object and declares itself immutable; without prune credentials it cannot delete', async () => {
    const cfg = config({ objectLock: { mode: 'COMPLIANCE', days: 30 } })
    const { requests, factory } = observed(cfg)
    const target = s3Target(cfg, factory)
    expect(target.capabilities).toMatchObject({
      immutable: true,
      deletes: false,
      encryptedInTransit: false,
    })
    expect(target.prune).toBeUndefined()
    await target.put('lock/one.age', new TextEncoder().encode('age-encryption.org/v1\n'))
    const put = requests.find((r) => r.method === 'PUT' && r.path.endsWith('/lock/one.age'))!
    expect(put.headers['x-amz-object-lock-mode']).toBe('COMPLIANCE')
    const until = Date.parse(put.headers['x-amz-object-lock-retain-until-date']!)
    expect(until - Date.now()).toBeGreaterThan(29 * 86_400_000)
    expect(put.headers['if-none-match']).toBe('*')
    await expect(target.put('lock/one.age', new Uint8Array([1]))).rejects.toMatchObject({
      code: 'conflict',
    })
  })

  it('holds a real backup chain that drills clean', async () => {
    const data = join(dir, 'data')
    const core = await openCore({
      dataDir: data,
      registry: staticRegistry([]),
      timeZone: 'UTC',
      program: 'vitest',
    })
    const engine = await openBackups({ core, targets: async () => [s3Target(config())] })
    try {
      const actor = {
        id: 'u',
        username: 'u',
        displayName: 'U',
        role: 'sysadmin',
        type: 'person' as const,
      }
      await core.ledger.append(
        Array.from({ length: 40 }, (_, i) => ({
          trail: 'system' as const,
          actor,
          action: 'login' as const,
          correlationId: `c${i}`,
          client: { ip: '', userAgent: 't' },
        })),
      )
      await engine.run({ target: 's3', kind: 'full' })
      await core.ledger.append([
        {
          trail: 'system',
          actor,
          action: 'logout',
          correlationId: 'z',
          client: { ip: '', userAgent: 't' },
        },
      ])
      const inc = await engine.run({ target: 's3', kind: 'incremental' })
      expect((await engine.verify(inc.id)).ok).toBe(true)
      expect(await engine.drill(inc.id)).toMatchObject({ ok: true, matchesCheckpoint: true })
    } finally {
      await engine.close()
      await core.close()
    }
  })
})
