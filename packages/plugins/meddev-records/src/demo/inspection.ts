import { inspection } from '../types/inspection.js'
import type { DemoProduct } from './catalogue.js'
import type { DemoOperation } from './operation.js'
import { inspectors } from './people.js'
import { pad } from './plant.js'
import { demoRef } from './refs.js'
import type { DemoWorld } from './world.js'

/** The tests of a batch and whether one of them failed for good. */
export interface InspectionOutcome {
  reports: string[]
  failed: boolean
}

interface Plan {
  inspectionType: string
  method: string
  instrument: string
  sampleSize: number
  resultUnit: string
  lowerLimit?: string
  upperLimit?: string
  /** A typical passing result, and one just outside the limits. */
  pass: () => string
  fail: () => string
}

function plans(w: DemoWorld, product: DemoProduct): Plan[] {
  const set = w.plant.setpoints.get(product.code)!
  const seal = Number(set.sealStrengthMin)
  const limit = Number(set.bioburdenLimit)
  const { nominal, tolerance } = product.dimension
  const out: Plan[] = [
    {
      inspectionType: 'seal_strength',
      method: 'YY/T 0698.5-2023',
      instrument: 'TST-02 智能电子拉力试验机',
      sampleSize: 10,
      resultUnit: 'N/15 mm',
      lowerLimit: set.sealStrengthMin,
      pass: () => w.random.decimal(seal + 0.6, seal + 2.5, 2),
      fail: () => w.random.decimal(seal - 0.5, seal - 0.05, 2),
    },
    {
      inspectionType: 'bioburden',
      method: 'GB/T 19973.1-2023',
      instrument: 'INC-02 生化培养箱',
      sampleSize: 10,
      resultUnit: 'CFU',
      upperLimit: set.bioburdenLimit,
      pass: () => String(w.random.int(0, Math.floor(limit * 0.4))),
      fail: () => String(w.random.int(limit + 1, limit * 2)),
    },
    {
      inspectionType: 'dimensional',
      method: 'SOP-QC-014',
      instrument: nominal > 1000 ? 'TM-03 钢卷尺' : 'CAL-07 数显卡尺',
      sampleSize: 20,
      resultUnit: 'mm',
      lowerLimit: (nominal - tolerance).toFixed(1),
      upperLimit: (nominal + tolerance).toFixed(1),
      pass: () => w.random.decimal(nominal - tolerance * 0.6, nominal + tolerance * 0.6, 1),
      fail: () => w.random.decimal(nominal + tolerance + 0.1, nominal + tolerance * 1.5, 1),
    },
  ]
  if (product.code === 'SFC-16') {
    out.push({
      inspectionType: 'endotoxin',
      method: 'GB/T 14233.2-2005',
      instrument: 'ET-01 细菌内毒素测定仪',
      sampleSize: 3,
      resultUnit: 'EU',
      upperLimit: '20',
      pass: () => w.random.decimal(0.5, 4, 2),
      fail: () => w.random.decimal(20.5, 30, 2),
    })
  }
  return out
}

/**
 * Tests a completed batch. Most results pass; a few fail for good; a few fail first, are
 * invalidated by an OOS investigation and re-measured (the classic pattern reviewers look for).
 */
export function* inspectBatch(
  w: DemoWorld,
  batchKey: string,
  product: DemoProduct,
): Generator<DemoOperation, InspectionOutcome> {
  const outcome: InspectionOutcome = { reports: [], failed: false }
  for (const plan of plans(w, product)) {
    const fate = w.random.weighted([
      ['pass', 95.5],
      ['oos-retest', 2],
      ['fail', 1],
      ['typo', 1.5],
    ] as const)
    const { pass, fail, ...fields } = plan
    const failing = fate === 'oos-retest' || fate === 'fail'
    const report = w.create(inspection, {
      reportNumber: `QC-${w.date().slice(0, 4)}-${pad(w.next('QC'), 5)}`,
      batch: demoRef(batchKey),
      ...fields,
      result: failing ? fail() : pass(),
      verdict: failing ? 'fail' : 'pass',
      inspector: w.random.pick(inspectors).name,
      inspectedAt: w.datetime(-w.random.int(30, 240)),
      rawData: w.file('raw-data', 'Instrument raw data export'),
    })
    yield report
    outcome.reports.push(report.key)
    if (fate === 'fail') outcome.failed = true
    if (fate === 'oos-retest') {
      const oos = `OOS-${w.date().slice(0, 4)}-${pad(w.next('OOS'), 3)}`
      yield w.update(
        report.key,
        {
          result: pass(),
          verdict: 'pass',
          rawData: w.file('raw-data', 'Instrument raw data export'),
          remarks: `${oos}：实验室调查确认为检验误差（样品夹持不当），原结果无效。`,
        },
        { code: 'remeasured', text: '复测后更正' },
      )
    }
    if (fate === 'typo') {
      const typed = String(report.data.result)
      let result = pass()
      while (result === typed) result = pass()
      yield w.update(
        report.key,
        { result },
        { code: 'transcription_error', text: '与仪器打印记录核对后更正' },
      )
    }
  }
  return outcome
}
