import * as v from 'valibot'
import {
  openBackups,
  scheduledRpoMs,
  type BackupEngine,
  type Core,
  type PluginHost,
} from '@veritrail/core'
import { defineRoutes } from '../http/route.js'

const engines = new WeakMap<Core, Promise<BackupEngine>>()

/**
 * The installation's backup engine over the targets plugins register, opened once per core
 * (creating the site age key at first start, CONTRACT §9).
 */
export function backupEngine(core: Core, plugins: PluginHost): Promise<BackupEngine> {
  let engine = engines.get(core)
  if (!engine) {
    engine = openBackups({
      core,
      targets: async () => (await plugins.backupTargets()).map((c) => c.value),
    })
    engine.catch(() => engines.delete(core))
    engines.set(core, engine)
  }
  return engine
}

const READERS = ['sysadmin', 'qa', 'auditor'] as const

/** Backups, verification, restore drills and retention (CONTRACT §9). */
export function backupRoutes(core: Core, plugins: PluginHost) {
  const engine = () => backupEngine(core, plugins)
  return defineRoutes([
    {
      method: 'GET',
      path: '/api/v1/backup-targets',
      summary: 'List backup targets',
      tag: 'backups',
      access: READERS,
      success: {
        status: 200,
        description: '[{id, label, capabilities: {immutable, encryptedInTransit, deletes}}]',
      },
      handler: async (c) => c.json(await (await engine()).targets()),
    },
    {
      method: 'GET',
      path: '/api/v1/backup-status',
      summary:
        'Read the backup status: last good backup, RPO the schedules promise, last restore drill',
      tag: 'backups',
      access: READERS,
      success: {
        status: 200,
        description:
          '{now, rpoTargetMs, schedules, lastCompleted: {id, target, kind, finishedAt} | null, lastDrill: {ts, backupId, target, ok, rtoMs, matchesCheckpoint, integrity, verified, problems} | null}. rpoTargetMs is the longest time between two scheduled backups (null when none is scheduled); lastDrill comes from the newest restore_drill entry of the system trail.',
      },
      handler: async (c) => c.json(await backupStatus(core, await engine())),
    },
    {
      method: 'POST',
      path: '/api/v1/backups',
      summary: 'Make a backup',
      tag: 'backups',
      access: ['sysadmin'],
      body: v.object({
        target: v.pipe(v.string(), v.minLength(1)),
        kind: v.picklist(['full', 'incremental']),
        snapshot: v.optional(v.picklist(['page-copy', 'vacuum'])),
      }),
      success: {
        status: 201,
        description:
          '{id, status, bytes, sha256, kind, target, generation, position, trails, promoted?}: an incremental becomes a full base (promoted says why) when the target has none of this WAL generation. Recorded in the system trail; a failure raises a backup_failed alert.',
      },
      handler: async (c, { body }) => {
        const b = body as {
          target: string
          kind: 'full' | 'incremental'
          snapshot?: 'page-copy' | 'vacuum'
        }
        return c.json(await (await engine()).run(b, c.get('ctx')), 201)
      },
    },
    {
      method: 'GET',
      path: '/api/v1/backups',
      summary: 'List the backup catalog',
      tag: 'backups',
      access: READERS,
      success: {
        status: 200,
        description:
          'Backups, newest first: [{id, target, kind, generation, position, status, bytes, sha256, error, startedAt, finishedAt, trails, base, previous}]',
      },
      handler: async (c) =>
        c.json(
          await (
            await engine()
          ).list({ ...(c.req.query('target') ? { target: c.req.query('target')! } : {}) }),
        ),
    },
    {
      method: 'GET',
      path: '/api/v1/backups/:id',
      summary: 'Read one backup and its manifest',
      tag: 'backups',
      access: READERS,
      success: { status: 200, description: '{...catalog row, manifest}' },
      handler: async (c) => {
        const { row, manifest } = await (await engine()).backup(c.req.param('id')!)
        const { manifest: _text, ...rest } = row
        return c.json({ ...rest, manifest })
      },
    },
    {
      method: 'POST',
      path: '/api/v1/backups/:id/verify',
      summary: 'Verify a backup as stored on its target',
      tag: 'backups',
      access: ['sysadmin'],
      success: {
        status: 200,
        description:
          '{ok, backupId, target, objects, bytes, problems}: hashes, age headers, manifest and decryption of every object; recorded in the system trail, a failure alerts',
      },
      handler: async (c) => c.json(await (await engine()).verify(c.req.param('id')!, c.get('ctx'))),
    },
    {
      method: 'POST',
      path: '/api/v1/restore-drills',
      summary: 'Run a restore drill',
      tag: 'backups',
      access: ['sysadmin'],
      body: v.object({ backupId: v.pipe(v.string(), v.minLength(1)) }),
      success: {
        status: 200,
        description:
          '{ok, rtoMs, trails, expected, matchesCheckpoint, integrity, verified, problems}: restored into scratch, integrity-checked, ledger-verified; recorded in the system trail',
      },
      handler: async (c, { body }) =>
        c.json(await (await engine()).drill((body as { backupId: string }).backupId, c.get('ctx'))),
    },
    {
      method: 'POST',
      path: '/api/v1/backups/prune',
      summary: 'Apply the retention settings to a target',
      tag: 'backups',
      access: ['sysadmin'],
      body: v.object({
        target: v.pipe(v.string(), v.minLength(1)),
        reason: v.string(),
        dryRun: v.optional(v.boolean()),
      }),
      success: {
        status: 200,
        description:
          '{target, dryRun, keep: [{id, why}], pruned, objects}: only on targets whose credentials may delete; a backup_prune entry',
      },
      handler: async (c, { body }) => {
        const b = body as { target: string; reason: string; dryRun?: boolean }
        return c.json(
          await (
            await engine()
          ).prune(b.target, c.get('ctx'), {
            reason: b.reason,
            ...(b.dryRun ? { dryRun: true } : {}),
          }),
        )
      },
    },
  ])
}

/** What `GET /api/v1/backup-status` answers: the figures of the backup screen that no list holds. */
async function backupStatus(core: Core, engine: BackupEngine) {
  const [settings, catalog, drills] = await Promise.all([
    core.settings.get(),
    engine.list({ limit: 200 }),
    core.audit.search({ trail: 'system', action: 'restore_drill', order: 'desc', limit: '1' }),
  ])
  const last = catalog.find((b) => b.status === 'completed' && b.finishedAt)
  const drill = drills.entries[0]
    ? (JSON.parse(drills.entries[0].json) as { ts: string; details?: Record<string, unknown> })
    : undefined
  const d = drill?.details ?? {}
  return {
    now: new Date().toISOString(),
    rpoTargetMs: scheduledRpoMs(settings.backup.schedules, core.timeZone),
    schedules: settings.backup.schedules,
    lastCompleted: last
      ? { id: last.id, target: last.target, kind: last.kind, finishedAt: last.finishedAt }
      : null,
    lastDrill: drill
      ? {
          ts: drill.ts,
          backupId: d.backupId,
          target: d.target,
          ok: d.ok === true,
          rtoMs: d.rtoMs,
          matchesCheckpoint: d.matchesCheckpoint === true,
          integrity: d.integrity === true,
          verified: d.verified === true,
          problems: Array.isArray(d.problems) ? d.problems : [],
        }
      : null,
  }
}
