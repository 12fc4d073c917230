import * as v from 'valibot'
import { defineRecordType } from '@veritrail/core'
import { compareDecimal } from '../decimal-compare.js'
import * as f from '../fields/index.js'
import { label } from '../label.js'
import {
  calibrationCorrection,
  other,
  specificationChange,
  transcriptionError,
} from '../reasons.js'

const fields = {
  reportNumber: f.text(label('Report number', '报告编号'), {
    critical: 'GMP',
    pattern: /^QC-\d{4}-\d{5,}$/,
  }),
  batch: f.reference(label('Batch', '批次'), 'meddev.batch', { critical: 'GMP' }),
  inspectionType: f.choice(
    label('Inspection type', '检验项目'),
    {
      seal_strength: label('Seal strength', '封口强度'),
      bioburden: label('Bioburden', '初始污染菌'),
      endotoxin: label('Bacterial endotoxins', '细菌内毒素'),
      dimensional: label('Dimensional check', '尺寸检验'),
    },
    { critical: 'GMP' },
  ),
  method: f.text(label('Test method', '检验方法'), { critical: 'GMP', max: 80 }),
  sampleSize: f.integer(label('Sample size', '抽样数量'), { critical: 'GMP', min: 1, unit: 'pcs' }),
  result: f.measured(label('Result', '检验结果'), { critical: 'CQA' }),
  resultUnit: f.choice(
    label('Unit of the result', '结果单位'),
    {
      'N/15 mm': label('N/15 mm', 'N/15 mm'),
      CFU: label('CFU per device', 'CFU/件'),
      EU: label('EU per device', 'EU/件'),
      mm: label('Millimetre (mm)', '毫米（mm）'),
    },
    { critical: 'CQA' },
  ),
  lowerLimit: f.optional(
    f.measured(label('Lower specification limit', '规格下限'), { critical: 'GMP' }),
  ),
  upperLimit: f.optional(
    f.measured(label('Upper specification limit', '规格上限'), { critical: 'GMP' }),
  ),
  verdict: f.choice(
    label('Verdict', '结论'),
    { pass: label('Pass', '合格'), fail: label('Fail', '不合格') },
    { critical: 'CQA' },
  ),
  inspector: f.text(label('Inspector', '检验员'), { critical: 'GMP', max: 60 }),
  inspectedAt: f.datetime(label('Inspected at', '检验时间'), { critical: 'GMP' }),
  instrument: f.optional(f.text(label('Instrument', '检验仪器'), { critical: 'GMP', max: 80 })),
  rawData: f.optional(
    f.attachment(label('Raw instrument file', '仪器原始数据文件'), { critical: 'GMP' }),
  ),
  remarks: f.optional(f.longtext(label('Remarks', '备注'))),
}

/** True when a `pass` verdict is backed by a result inside the limits that are given. */
export function verdictMatchesLimits(d: {
  result: string
  lowerLimit?: string | undefined
  upperLimit?: string | undefined
  verdict: 'pass' | 'fail'
}): boolean {
  if (d.verdict === 'fail') return true
  const aboveLower = d.lowerLimit === undefined || compareDecimal(d.result, d.lowerLimit) >= 0
  const belowUpper = d.upperLimit === undefined || compareDecimal(d.result, d.upperLimit) <= 0
  return aboveLower && belowUpper
}

const base = f.shape(fields)

/** A quality-control test of a batch with its raw data: one characteristic, one result, one verdict. */
export const inspection = defineRecordType({
  id: 'meddev.inspection',
  version: '1.0.0',
  title: label('Inspection report', '检验报告'),
  schema: v.pipe(
    base.schema,
    v.forward(
      v.partialCheck(
        [['result'], ['lowerLimit'], ['upperLimit'], ['verdict']],
        verdictMatchesLimits,
        'A result outside the specification limits cannot pass.',
      ),
      ['verdict'],
    ),
  ),
  fields: base.fields,
  reasons: [
    transcriptionError,
    {
      code: 'remeasured',
      label: label('Measurement re-taken after an OOS investigation', 'OOS调查后复测'),
    },
    calibrationCorrection,
    specificationChange,
    other,
  ],
  retention: { years: 15, from: 'created' },
  summary: '{reportNumber} · {inspectionType} · {verdict}',
  unique: ['reportNumber'],
})
