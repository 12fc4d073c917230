import { runInWorker, VERIFY_JOB_MODULE, VeritrailError, type Core, type EntryDraft, type Trail } from '@veritrail/core'
import { defineRoutes } from '../http/route.js'

const READERS = ['qa', 'reviewer', 'auditor', 'operator', 'sysadmin'] as const

/** Audit trails, signed checkpoints, proofs and verification (CONTRACT §5). */
export function auditRoutes(core: Core, options: { dataDir: string; dbUrl?: string }) {
  let verifying = false
  return defineRoutes([
    {
      method: 'GET',
      path: '/api/v1/audit',
      summary: 'Search the audit trails',
      tag: 'audit',
      access: READERS,
      success: { status: 200, description: '{entries, nextCursor}: entries exactly as hashed, plus leafHash and display labels' },
      handler: async (c) => {
        const page = await core.audit.search(c.req.query(), { display: c.get('locale') })
        const body = `{"entries":[${page.entries.map((e) => e.json).join(',')}],"nextCursor":${JSON.stringify(page.nextCursor)}}`
        return c.body(body, 200, { 'content-type': 'application/json; charset=utf-8' })
      },
    },
    {
      method: 'GET',
      path: '/api/v1/audit/checkpoint',
      summary: 'Read the signed checkpoint of a trail',
      tag: 'audit',
      access: READERS,
      success: { status: 200, description: '{origin, size, rootHash, note}' },
      handler: async (c) => c.json(await core.proofs.checkpoint(c.req.query('trail'))),
    },
    {
      method: 'GET',
      path: '/api/v1/audit/public-key',
      summary: 'Read the checkpoint verifier key',
      tag: 'audit',
      access: READERS,
      success: { status: 200, description: '{key}: a signed-note verifier key' },
      handler: async (c) => c.json({ key: core.verifierKey }),
    },
    {
      method: 'GET',
      path: '/api/v1/audit/proof/inclusion',
      summary: 'Prove an entry is in a trail',
      tag: 'audit',
      access: READERS,
      success: { status: 200, description: '{leafIndex, treeSize, hashes} (RFC 9162, base64)' },
      handler: async (c) => c.json(await core.proofs.inclusion(c.req.query('trail'), c.req.query('seq'), c.req.query('size'))),
    },
    {
      method: 'GET',
      path: '/api/v1/audit/proof/consistency',
      summary: 'Prove a trail only grew',
      tag: 'audit',
      access: READERS,
      success: { status: 200, description: '{hashes} (RFC 9162, base64)' },
      handler: async (c) => c.json(await core.proofs.consistency(c.req.query('trail'), c.req.query('from'), c.req.query('to'))),
    },
    {
      method: 'GET',
      path: '/api/v1/audit/:trail/:seq',
      summary: 'Read one audit entry',
      tag: 'audit',
      access: READERS,
      success: { status: 200, description: 'The entry exactly as hashed, plus leafHash and display' },
      handler: async (c) => {
        const trail = c.req.param('trail')
        const seq = c.req.param('seq')
        if ((trail !== 'data' && trail !== 'system') || !/^\d{1,15}$/.test(seq ?? '')) throw new VeritrailError('not_found', 'There is no such entry.')
        const entry = await core.audit.entry(trail as Trail, Number(seq), c.get('locale'))
        return c.body(entry.json, 200, { 'content-type': 'application/json; charset=utf-8' })
      },
    },
    {
      method: 'POST',
      path: '/api/v1/audit/verify',
      summary: 'Verify both trails',
      tag: 'audit',
      access: ['qa', 'auditor', 'sysadmin'],
      success: { status: 200, description: '{ok, trails: {data: {size, rootHash, firstBadSeq?}, system: {...}}}' },
      handler: async (c) => {
        if (verifying) throw new VeritrailError('busy', 'A verification is already running; try again when it has finished.')
        verifying = true
        try {
          await core.ledger.persistCheckpoints()
          const report = await runInWorker<{ ok: boolean; trails: Record<Trail, { size: number; firstBadSeq?: number }> }>(VERIFY_JOB_MODULE, 'verifyJob', [
            { dataDir: options.dataDir, ...(options.dbUrl ? { dbUrl: options.dbUrl } : {}) },
          ])
          const ctx = c.get('ctx')
          const entry: EntryDraft = {
            trail: 'system',
            actor: ctx.actor,
            action: 'verify',
            correlationId: ctx.correlationId,
            client: ctx.client,
            details: { ok: report.ok, dataSize: report.trails.data.size, systemSize: report.trails.system.size, ...(report.ok ? {} : { firstBadData: report.trails.data.firstBadSeq ?? null, firstBadSystem: report.trails.system.firstBadSeq ?? null }) },
          }
          if (ctx.session) entry.session = ctx.session
          await core.recordVerification(entry, report.ok)
          return c.json(report)
        } finally {
          verifying = false
        }
      },
    },
  ])
}
