import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  isVeritrailError,
  openCore,
  staticRegistry,
  type ActionContext,
  type Core,
} from '@veritrail/core'
import {
  batch,
  demoOperations,
  meddevRecordTypes,
  purchase,
  recipe,
  resolveDemoRefs,
  supplierQualification,
  applyDemoOperation,
  newDemoState,
  demoTarget,
} from '@veritrail/plugin-meddev-records'

function actor(role: string, name = 'li.na'): ActionContext {
  return {
    actor: { id: `u-${name}`, username: name, displayName: name, role, type: 'person' },
    client: { ip: '127.0.0.1', userAgent: 'vitest' },
    correlationId: randomUUID(),
    session: 's-1',
  }
}

async function rejection(p: Promise<unknown>) {
  try {
    await p
  } catch (error) {
    if (isVeritrailError(error)) return error
    throw error
  }
  throw new Error('expected a rejection')
}

let dir: string
let core: Core

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'veritrail-meddev-'))
  core = await openCore({
    dataDir: dir,
    registry: staticRegistry(meddevRecordTypes),
    timeZone: 'Asia/Shanghai',
    program: 'vitest',
  })
})
afterAll(async () => {
  await core.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('meddev record types in the real core', () => {
  it('demands a reason for a changed critical process parameter of a batch', async () => {
    const ctx = actor('operator')
    const supplier = await core.records.create(
      supplierQualification.id,
      {
        supplierCode: 'SUP-900',
        supplierName: '苏州洁康医用材料有限公司',
        scope: '医用脱脂纱布',
        supplierClass: 'A',
        qualificationStatus: 'approved',
        requalificationDue: '2026-06-30',
      },
      ctx,
    )
    const lot = await core.records.create(
      purchase.id,
      {
        receiptNumber: 'GR-2024-90001',
        poNumber: 'PO240001',
        supplier: supplier.id,
        materialCode: 'RM-GZ-4012',
        materialDescription: '医用脱脂纱布',
        supplierLot: 'JK24031207',
        quantity: '3500',
        quantityUnit: 'm',
        receiptDate: '2024-03-12',
        inspectionResult: 'accepted',
      },
      ctx,
    )
    const process = await core.records.create(
      recipe.id,
      {
        product: 'GZD-0808',
        recipeVersion: 'R01',
        sterilisationTemperature: '121.0',
        sterilisationTime: '30',
        chamberPressure: '205',
        dryingTime: '20',
        sealTemperature: '180',
        sealDwellTime: '1.5',
        sealStrengthMin: '1.5',
        bioburdenLimit: '100',
        paperGrammage: '60',
        status: 'draft',
      },
      ctx,
    )
    const data = {
      batchNumber: 'GZD0808-2403-9001',
      product: 'GZD-0808',
      udiDi: '06970123450010',
      recipe: process.id,
      recipeVersion: 'R01',
      equipment: ['CUT-01', 'SL-03', 'AC-01'],
      materialLots: [lot.id],
      startedAt: '2024-03-12T08:00:00+08:00',
      sterilisationLoad: 'AC01-20240312-02',
      actualSterilisationTemperature: '121.6',
      status: 'in_production',
    }
    const created = await core.records.create(batch.id, data, ctx)
    expect(created.version).toBe(1)

    const changed = { ...data, actualSterilisationTemperature: '121.8' }
    const refused = await rejection(
      core.records.update(batch.id, created.id, { data: changed, baseVersion: 1 }, ctx),
    )
    expect(refused.code).toBe('reason_required')
    expect(refused.message).toContain('Actual sterilisation temperature')

    const updated = await core.records.update(
      batch.id,
      created.id,
      {
        data: changed,
        baseVersion: 1,
        reason: { code: 'transcription_error', text: '复测后更正' },
      },
      ctx,
    )
    expect(updated.version).toBe(2)
    const rs = await core.store.connections.reader.execute({
      sql: "SELECT bytes FROM entries WHERE trail = 'data' AND record_id = ? ORDER BY seq",
      args: [created.id],
    })
    expect(JSON.parse(String(rs.rows[1]![0]))).toMatchObject({
      changes: [
        {
          field: 'actualSterilisationTemperature',
          label: 'Actual sterilisation temperature',
          old: '121.6',
          new: '121.8',
        },
      ],
      reason: {
        code: 'transcription_error',
        label: 'Transcription or typing error',
        text: '复测后更正',
      },
      tz: 'Asia/Shanghai',
    })
  })

  it('refuses "5." for a measured value and a wrong UDI check digit', async () => {
    const error = await rejection(
      core.records.create(
        batch.id,
        {
          batchNumber: 'X-0001',
          product: 'P',
          udiDi: '06970123450016',
          recipe: randomUUID(),
          recipeVersion: 'R01',
          equipment: ['AC-01'],
          materialLots: [randomUUID()],
          startedAt: '2024-03-12T08:00:00+08:00',
          actualSterilisationTime: '5.',
          status: 'in_production',
        },
        actor('operator'),
      ),
    )
    expect(error.code).toBe('validation_failed')
    expect(error.errors!.map((e) => e.path)).toEqual(
      expect.arrayContaining(['data.udiDi', 'data.actualSterilisationTime']),
    )
  })

  it('writes 500 demo operations without a single failure', async () => {
    const target = await demoTarget(core)
    const state = newDemoState()
    const counts = { create: 0, update: 0, delete: 0, attachments: 0 }
    let n = 0
    for (const op of demoOperations(7)) {
      if (n++ === 500) break
      counts[op.op]++
      if (op.op !== 'delete') counts.attachments += op.attachments?.length ?? 0
      await applyDemoOperation(target, op, state, target.ctx)
    }
    expect(counts.attachments).toBeGreaterThan(0)
    expect(counts.create).toBeGreaterThan(100)
    expect(counts.update).toBeGreaterThan(100)
    const releases = await core.records.list('meddev.batchRelease', { limit: 500 })
    expect(releases.length).toBeGreaterThan(0)
  })
})
