import { chmodSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adminToken, client, person, startServer, type TestServer } from './harness.js'

let server: TestServer
let api: ReturnType<typeof client>
let admin: string
beforeAll(async () => {
  server = await startServer()
  api = client(server.url)
  admin = await adminToken(api)
})
afterAll(async () => {
  await server?.close()
})

describe('backups over HTTP (CONTRACT §9)', () => {
  it('reports no good backup, no drill and no promised RPO before anything is scheduled or run', async () => {
    const status = await api('GET', '/api/v1/backup-status', { token: admin })
    expect(status.status, status.text).toBe(200)
    expect(status.json).toEqual({
      now: expect.any(String),
      rpoTargetMs: null,
      schedules: [],
      lastCompleted: null,
      lastDrill: null,
    })
    expect((await api('GET', '/api/v1/backup-status')).json.code).toBe('unauthenticated')
  })

  it('lists the first-party targets with their capabilities; the local one writes below VERITRAIL_DATA/backups', async () => {
    const res = await api('GET', '/api/v1/backup-targets', { token: admin })
    expect(res.status).toBe(200)
    const ids = res.json.map((t: { id: string }) => t.id)
    expect(ids).toEqual(expect.arrayContaining(['backup.local', 'backup.sftp', 'backup.s3']))
    expect(res.json.find((t: { id: string }) => t.id === 'backup.local').capabilities).toEqual({
      immutable: false,
      encryptedInTransit: false,
      deletes: true,
    })
    const sftp = await api('POST', '/api/v1/backups', {
      token: admin,
      body: { target: 'sftp', kind: 'full' },
    })
    expect(sftp.status).toBe(400)
    expect(sftp.json.detail).toMatch(/not configured/)
  })

  it('backs up, lists, verifies and drills; a damaged object fails verification loudly with an alert', async () => {
    const full = await api('POST', '/api/v1/backups', {
      token: admin,
      body: { target: 'local', kind: 'full' },
    })
    expect(full.status).toBe(201)
    expect(full.json).toMatchObject({ status: 'completed', kind: 'full', target: 'backup.local' })
    expect(full.json.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(full.json.bytes).toBeGreaterThan(1000)
    await person(api, admin, 'olga', ['operator'])
    const inc = await api('POST', '/api/v1/backups', {
      token: admin,
      body: { target: 'local', kind: 'incremental' },
    })
    expect(inc.status).toBe(201)
    expect(inc.json).toMatchObject({ kind: 'incremental' })
    const set = join(server.dir, 'backups', server.core.installId, 'sets', inc.json.id)
    expect(readFileSync(join(set, 'SHA256SUMS'), 'utf8')).toContain('manifest.json.age')

    const qa = await person(api, admin, 'quinn', ['qa'])
    const listed = await api('GET', '/api/v1/backups', { token: qa.token })
    expect(listed.status).toBe(200)
    const completed = listed.json.filter((b: { status: string }) => b.status === 'completed')
    expect(completed.map((b: { id: string }) => b.id)).toEqual([inc.json.id, full.json.id])
    // The attempt on the unconfigured SFTP target is cataloged as failed, never as a backup.
    expect(listed.json.find((b: { target: string }) => b.target === 'backup.sftp')).toMatchObject({
      status: 'failed',
      sha256: null,
    })
    expect(completed[0]).toMatchObject({
      status: 'completed',
      previous: full.json.id,
      base: full.json.id,
    })
    expect(
      (await api('GET', `/api/v1/backups/${inc.json.id}`, { token: qa.token })).json.manifest
        .objects.length,
    ).toBeGreaterThan(0)
    expect(
      (
        await api('POST', '/api/v1/backups', {
          token: qa.token,
          body: { target: 'local', kind: 'full' },
        })
      ).status,
    ).toBe(403)
    expect(
      (await api('POST', `/api/v1/backups/${inc.json.id}/verify`, { token: qa.token })).status,
    ).toBe(403)
    const olga = await api('POST', '/api/v1/auth/login', {
      body: { username: 'olga', password: 'olga has a long password' },
    })
    expect((await api('GET', '/api/v1/backups', { token: olga.json.token })).status).toBe(403)

    const verified = await api('POST', `/api/v1/backups/${inc.json.id}/verify`, { token: admin })
    expect(verified.json).toMatchObject({ ok: true, problems: [] })
    const drill = await api('POST', '/api/v1/restore-drills', {
      token: admin,
      body: { backupId: inc.json.id },
    })
    expect(drill.status).toBe(200)
    expect(drill.json).toMatchObject({
      ok: true,
      matchesCheckpoint: true,
      trails: { data: inc.json.trails.data, system: inc.json.trails.system },
    })
    expect(drill.json.rtoMs).toBeGreaterThan(0)

    const manifest = join(set, 'manifest.json.age')
    const original = readFileSync(manifest)
    const damaged = Buffer.from(original)
    damaged[damaged.length - 5]! ^= 0x40
    chmodSync(manifest, 0o644)
    writeFileSync(manifest, damaged)
    const bad = await api('POST', `/api/v1/backups/${inc.json.id}/verify`, { token: admin })
    expect(bad.json.ok).toBe(false)
    expect(bad.json.problems.join(' ')).toMatch(/manifest\.json\.age/)
    const alerts = await api('GET', '/api/v1/alerts', { token: admin })
    expect(alerts.json.map((a: { kind: string }) => a.kind)).toContain('backup_failed')
    writeFileSync(manifest, original)

    const audit = await api('GET', '/api/v1/audit?trail=system&action=backup_verify', {
      token: admin,
    })
    expect(
      audit.json.entries.map((e: { details: { ok: boolean } }) => e.details.ok).sort(),
    ).toEqual([false, true])
    expect(
      (await api('GET', '/api/v1/audit?trail=system&action=restore_drill', { token: admin })).json
        .entries[0].actor.username,
    ).toBe('admin')
  })

  it('reports the last good backup, the last drill and the RPO the schedules promise', async () => {
    const [newest] = (await api('GET', '/api/v1/backups', { token: admin })).json.filter(
      (b: { status: string }) => b.status === 'completed',
    )
    const drilled = await api(
      'GET',
      '/api/v1/audit?trail=system&action=restore_drill&limit=1&order=desc',
      {
        token: admin,
      },
    )
    const drill = drilled.json.entries[0]
    const before = await api('GET', '/api/v1/backup-status', { token: admin })
    expect(before.json).toMatchObject({
      rpoTargetMs: null,
      lastCompleted: {
        id: newest.id,
        kind: 'incremental',
        target: 'backup.local',
        finishedAt: newest.finishedAt,
      },
      lastDrill: {
        ts: drill.ts,
        backupId: drill.details.backupId,
        target: 'backup.local',
        ok: true,
        rtoMs: drill.details.rtoMs,
        matchesCheckpoint: true,
        integrity: true,
        verified: true,
        problems: [],
      },
    })
    const schedules = [
      { target: 'local', kind: 'incremental', cron: '0 8-20/4 * * *' },
      { target: 'local', kind: 'full', cron: '0 2 * * *' },
      { target: 'local', kind: 'drill', cron: '0 3 * * 0' },
    ]
    const changed = await api('PUT', '/api/v1/settings', {
      token: admin,
      body: { changes: { backup: { schedules } }, reason: 'Backup plan approved by QA' },
    })
    expect(changed.status, changed.text).toBe(200)
    const qa = await api('POST', '/api/v1/auth/login', {
      body: { username: 'quinn', password: 'quinn has a long password' },
    })
    const after = await api('GET', '/api/v1/backup-status', { token: qa.json.token })
    expect(after.status).toBe(200)
    // 20:00 to 02:00 and 02:00 to 08:00 are the longest gaps between due backups.
    expect(after.json).toMatchObject({ rpoTargetMs: 6 * 3_600_000, schedules })
    const olga = await api('POST', '/api/v1/auth/login', {
      body: { username: 'olga', password: 'olga has a long password' },
    })
    expect((await api('GET', '/api/v1/backup-status', { token: olga.json.token })).status).toBe(403)
    await api('PUT', '/api/v1/settings', {
      token: admin,
      body: { changes: { backup: { schedules: [] } }, reason: 'Test over' },
    })
  })

  it('answers 404 for an unknown target or backup, and prunes only with a reason', async () => {
    expect(
      (
        await api('POST', '/api/v1/backups', {
          token: admin,
          body: { target: 'tape', kind: 'full' },
        })
      ).status,
    ).toBe(404)
    expect(
      (await api('POST', '/api/v1/restore-drills', { token: admin, body: { backupId: 'nope' } }))
        .status,
    ).toBe(404)
    const unreasoned = await api('POST', '/api/v1/backups/prune', {
      token: admin,
      body: { target: 'local', reason: '' },
    })
    expect(unreasoned.status).toBe(422)
    const preview = await api('POST', '/api/v1/backups/prune', {
      token: admin,
      body: { target: 'local', reason: 'quarterly', dryRun: true },
    })
    expect(preview.json).toMatchObject({ dryRun: true, pruned: [] })
  })
})
