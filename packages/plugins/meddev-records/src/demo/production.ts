import { gs1CheckDigit, isGtin14 } from '../gtin.js'
import { batch } from '../types/batch.js'
import { equipmentUsage } from '../types/equipment-usage.js'
import { purchase } from '../types/purchase.js'
import { products, type DemoProduct } from './catalogue.js'
import { abortReasons, batchRemarks } from './texts.js'
import { equipmentNames, operators } from './people.js'
import { pad } from './plant.js'
import { releaseBatch, rejectAbortedBatch } from './release.js'
import { inspectBatch } from './inspection.js'
import { openCapa } from './capa.js'
import { goodsReceipt } from './supply.js'
import { demoRef } from './refs.js'
import { siteDateTime, type DemoProcess, type DemoWorld } from './world.js'

/** A batch from start to disposition: production, equipment logs, inspections, release. */
export function* productionBatch(w: DemoWorld): DemoProcess {
  const product = w.random.pick(products)
  const recipeKey = w.plant.recipes.get(product.code)
  const lots = materialLots(w, product)
  if (!recipeKey || !lots) return
  const planned = w.random.int(...product.batchSize)
  const started = w.create(batch, {
    batchNumber: `${product.code.replace('-', '')}-${w.date().slice(2, 7).replace('-', '')}-${pad(w.next('batch'), 4)}`,
    product: product.code,
    udiDi: udiDi(product),
    ...serialRange(w, product, planned),
    recipe: demoRef(recipeKey),
    recipeVersion: String(w.get(recipeKey).data.recipeVersion),
    equipment: product.equipment,
    materialLots: lots.map(demoRef),
    startedAt: w.datetime(),
    ...(w.random.chance(0.3) ? { remarks: w.random.pick(batchRemarks) } : {}),
    status: 'in_production',
  })
  yield started
  if (w.random.chance(0.015)) {
    yield* abortBatch(w, started.key)
    return
  }
  yield w.update(started.key, completion(w, product, planned), { code: 'step_completed' })
  yield* equipmentLogs(w, started.key, product)
  const inspected = yield* inspectBatch(w, started.key, product)
  yield* releaseBatch(w, started.key, inspected)
}

/** The latest accepted lot of every material the product needs, or undefined (and a delivery). */
function materialLots(w: DemoWorld, product: DemoProduct): string[] | undefined {
  const lots: string[] = []
  for (const code of product.materials) {
    const recent = w.recent(
      purchase,
      3,
      (d) =>
        d.materialCode === code &&
        (d.inspectionResult === 'accepted' || d.inspectionResult === 'conditional'),
    )
    if (recent.length === 0) {
      w.spawn(goodsReceipt(w, code))
      return undefined
    }
    lots.push(w.random.pick(recent))
  }
  return lots
}

function udiDi(product: DemoProduct): string {
  const gtin = `${product.gtinBody}${gs1CheckDigit(product.gtinBody)}`
  if (!isGtin14(gtin)) throw new Error(`demo: bad GTIN for ${product.code}`)
  return gtin
}

function serialRange(w: DemoWorld, product: DemoProduct, planned: number) {
  if (!product.serialised) return {}
  const first = (w.plant.serials.get(product.code) ?? 0) + 1
  w.plant.serials.set(product.code, first + planned - 1)
  const prefix = product.code.replace('-', '')
  return {
    serialFirst: `${prefix}${pad(first, 8)}`,
    serialLast: `${prefix}${pad(first + planned - 1, 8)}`,
  }
}

function completion(w: DemoWorld, product: DemoProduct, planned: number) {
  const set = w.plant.setpoints.get(product.code)!
  const steriliser = product.equipment.find((id) => id.startsWith('AC-'))!
  return {
    status: 'completed',
    endedAt: w.datetime(),
    sterilisationLoad: `${steriliser.replace('-', '')}-${w.date().replaceAll('-', '')}-${pad(w.random.int(1, 4), 2)}`,
    actualSterilisationTemperature: w.random.decimal(
      Number(set.sterilisationTemperature) + 0.1,
      Number(set.sterilisationTemperature) + 1.8,
      1,
    ),
    actualSterilisationTime: w.random.decimal(
      Number(set.sterilisationTime),
      Number(set.sterilisationTime) + 1.5,
      1,
    ),
    actualChamberPressure: w.random.decimal(
      Number(set.chamberPressure) - 2,
      Number(set.chamberPressure) + 6,
      1,
    ),
    quantityProduced: planned - w.random.int(0, Math.ceil(planned * 0.02)),
  }
}

function* abortBatch(w: DemoWorld, key: string): DemoProcess {
  const deviation = `DEV-${w.date().slice(0, 4)}-${pad(w.next('DEV'), 4)}`
  yield w.update(
    key,
    {
      status: 'aborted',
      endedAt: w.datetime(),
      abortReason: `${w.random.pick(abortReasons)}（${deviation}）`,
    },
    { code: 'other', text: `批次中止，见偏差 ${deviation}` },
  )
  w.spawn(openCapa(w, { source: 'deviation', sourceReference: deviation, batches: [key] }))
  yield* rejectAbortedBatch(w, key)
}

/** One usage log per piece of equipment, written after use; now and then one twice (deleted). */
function* equipmentLogs(w: DemoWorld, batchKey: string, product: DemoProduct): DemoProcess {
  const { startedAt, endedAt } = w.get(batchKey).data as { startedAt: string; endedAt: string }
  const start = Date.parse(startedAt)
  const step = (Date.parse(endedAt) - start) / product.equipment.length
  for (const [i, equipmentId] of product.equipment.entries()) {
    const log = {
      equipmentId,
      equipmentName: equipmentNames[equipmentId],
      batch: demoRef(batchKey),
      startedAt: siteDateTime(start + i * step),
      endedAt: siteDateTime(start + (i + 1) * step),
      operator: w.random.pick(operators).name,
      cleaningStatus: w.random.weighted([
        ['cleaned', 90],
        ['pending', 8],
        ['not_required', 2],
      ] as const),
      calibrationDue: calibrationDue(w, equipmentId),
    }
    const entry = w.create(equipmentUsage, log)
    yield entry
    if (w.random.chance(0.02)) {
      const duplicate = w.create(equipmentUsage, log)
      yield duplicate
      yield w.remove(duplicate.key, {
        code: 'duplicate_entry',
        text: '同一次使用重复登记，删除重复记录',
      })
    }
  }
}

/** The equipment's calibration due date; overdue equipment is (silently) recalibrated first. */
function calibrationDue(w: DemoWorld, equipmentId: string): string {
  const due = w.plant.calibrationDue.get(equipmentId)
  if (due && due > w.date()) return due
  const next = w.date(due ? 365 : w.random.int(30, 365))
  w.plant.calibrationDue.set(equipmentId, next)
  return next
}
