import * as v from 'valibot'
import { defineRecordType, type LifecycleDefinition } from '@veritrail/core'
import * as f from '../fields/index.js'
import { isGtin14 } from '../gtin.js'
import { label } from '../label.js'
import { state, statusField, transition } from '../lifecycle.js'
import { calibrationCorrection, lateEntry, other, transcriptionError } from '../reasons.js'

const lifecycle: LifecycleDefinition = {
  field: 'status',
  initial: 'in_production',
  states: [
    state('in_production', label('In production', '生产中')),
    state('completed', label('Completed', '已完成')),
    state('aborted', label('Aborted', '已中止'), true),
  ],
  transitions: [
    transition('in_production', 'completed', label('Complete production', '生产完成')),
    transition('in_production', 'aborted', label('Abort batch', '中止批次'), {
      signatures: ['responsibility'],
    }),
  ],
}

const udiDi = {
  schema: v.pipe(
    v.string(),
    v.regex(/^\d{14}$/, 'Expected 14 digits.'),
    v.check(isGtin14, 'The GTIN-14 check digit is wrong.'),
  ),
  definition: f.define('text', label('UDI-DI (GTIN-14)', '产品标识 UDI-DI（GTIN-14）'), {
    critical: 'GMP',
  }),
}

// Actual values are recorded as measured, even outside the validated range (a deviation must be
// recordable, never hidden), so their ranges are only what the instruments can read.
const fields = {
  batchNumber: f.text(label('Batch number', '批号'), {
    critical: 'GMP',
    pattern: /^[A-Z0-9][A-Z0-9-]{3,29}$/,
  }),
  product: f.text(label('Product', '产品'), { critical: 'GMP', max: 40 }),
  udiDi,
  serialFirst: f.optional(
    f.text(label('First serial number', '起始序列号'), { critical: 'GMP', max: 40 }),
  ),
  serialLast: f.optional(
    f.text(label('Last serial number', '终止序列号'), { critical: 'GMP', max: 40 }),
  ),
  recipe: f.reference(label('Recipe', '工艺配方'), 'meddev.recipe', { critical: 'GMP' }),
  recipeVersion: f.text(label('Recipe version', '配方版本'), { critical: 'GMP', max: 20 }),
  equipment: f.textList(label('Equipment used', '使用设备'), { critical: 'GMP', min: 1 }),
  materialLots: f.references(label('Material lots', '物料批次'), 'meddev.purchase', {
    critical: 'GMP',
    min: 1,
  }),
  startedAt: f.datetime(label('Production start', '生产开始时间'), { critical: 'GMP' }),
  endedAt: f.optional(f.datetime(label('Production end', '生产结束时间'), { critical: 'GMP' })),
  sterilisationLoad: f.optional(
    f.text(label('Steriliser load number', '灭菌锅次号'), { critical: 'GMP', max: 40 }),
  ),
  actualSterilisationTemperature: f.optional(
    f.measured(label('Actual sterilisation temperature', '实际灭菌温度'), {
      critical: 'CPP',
      unit: '°C',
      min: '0',
      max: '200',
    }),
  ),
  actualSterilisationTime: f.optional(
    f.measured(label('Actual sterilisation hold time', '实际灭菌保持时间'), {
      critical: 'CPP',
      unit: 'min',
      min: '0',
      max: '600',
    }),
  ),
  actualChamberPressure: f.optional(
    f.measured(label('Actual chamber pressure (absolute)', '实际腔体压力（绝对压力）'), {
      critical: 'CPP',
      unit: 'kPa',
      min: '0',
      max: '500',
    }),
  ),
  quantityProduced: f.optional(
    f.integer(label('Quantity produced', '产出数量'), { critical: 'GMP', unit: 'pcs' }),
  ),
  abortReason: f.optional(f.longtext(label('Reason for abort', '中止原因'), { critical: 'GMP' })),
  remarks: f.optional(f.longtext(label('Remarks', '备注'))),
  status: statusField(lifecycle),
}

const base = f.shape(fields)

/** The production record of one batch (device history record): what, from what, how, how many. */
export const batch = defineRecordType({
  id: 'meddev.batch',
  version: '1.0.0',
  title: label('Production batch', '生产批次'),
  description: label(
    'Batch production record: product, UDI, recipe, material lots, equipment and actual process values.',
    '批生产记录：产品、UDI、工艺配方、物料批次、设备及实际工艺参数。',
  ),
  schema: v.pipe(
    base.schema,
    v.forward(v.partialCheck([['startedAt'], ['endedAt']], f.endsAfterStart, f.END_BEFORE_START), [
      'endedAt',
    ]),
    v.forward(
      v.partialCheck(
        [['serialFirst'], ['serialLast']],
        (d) => (d.serialFirst === undefined) === (d.serialLast === undefined),
        'Give both the first and the last serial number, or neither.',
      ),
      ['serialLast'],
    ),
  ),
  fields: base.fields,
  reasons: [
    transcriptionError,
    { code: 'recount', label: label('Quantity recounted', '重新清点数量') },
    calibrationCorrection,
    lateEntry,
    {
      code: 'step_completed',
      label: label('Process step completed, values recorded', '工序完成，录入实测数据'),
    },
    other,
  ],
  lifecycle,
  retention: {
    years: 15,
    from: 'created',
    description: label('At least the lifetime of the device', '不少于器械的寿命期'),
  },
  summary: '{batchNumber} · {product}',
  unique: ['batchNumber', 'serialFirst', 'serialLast'],
})
