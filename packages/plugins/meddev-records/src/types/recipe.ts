import { defineRecordType, type LifecycleDefinition } from '@veritrail/core'
import * as f from '../fields/index.js'
import { label } from '../label.js'
import { state, statusField, transition } from '../lifecycle.js'
import { other, specificationChange, transcriptionError } from '../reasons.js'

const lifecycle: LifecycleDefinition = {
  field: 'status',
  initial: 'draft',
  states: [
    state('draft', label('Draft', '草稿')),
    state('approved', label('Approved', '已批准'), true),
    state('retired', label('Retired', '已停用'), true),
  ],
  transitions: [
    transition('draft', 'approved', label('Approve', '批准'), {
      signatures: ['review', 'approval'],
    }),
    transition('approved', 'retired', label('Retire', '停用'), { signatures: ['approval'] }),
  ],
}

// Setpoints of a validated steam sterilisation and pouch sealing process; the ranges are the
// validated operating ranges (IQ/OQ/PQ), so a setpoint outside them cannot be approved.
const fields = {
  product: f.text(label('Product', '产品'), { critical: 'GMP', max: 40 }),
  recipeVersion: f.text(label('Recipe version', '配方版本'), { critical: 'GMP', max: 20 }),
  changeControl: f.optional(
    f.reference(label('Change control', '变更控制'), 'meddev.changeControl', { critical: 'GMP' }),
  ),
  sterilisationTemperature: f.measured(label('Sterilisation temperature', '灭菌温度'), {
    critical: 'CPP',
    unit: '°C',
    min: '115.0',
    max: '138.0',
  }),
  sterilisationTime: f.measured(label('Sterilisation hold time', '灭菌保持时间'), {
    critical: 'CPP',
    unit: 'min',
    min: '3',
    max: '60',
  }),
  chamberPressure: f.measured(label('Chamber pressure (absolute)', '灭菌柜腔体压力（绝对压力）'), {
    critical: 'CPP',
    unit: 'kPa',
    min: '150',
    max: '350',
  }),
  dryingTime: f.measured(label('Drying time', '干燥时间'), {
    critical: 'CPP',
    unit: 'min',
    min: '0',
    max: '60',
  }),
  sealTemperature: f.measured(label('Sealing temperature', '封口温度'), {
    critical: 'CPP',
    unit: '°C',
    min: '120',
    max: '220',
  }),
  sealDwellTime: f.measured(label('Sealing dwell time', '封口保压时间'), {
    critical: 'CPP',
    unit: 's',
    min: '0.3',
    max: '5.0',
  }),
  sealStrengthMin: f.measured(label('Minimum seal strength', '最小封口强度'), {
    critical: 'CQA',
    unit: 'N/15 mm',
    min: '1.2',
    max: '10',
  }),
  bioburdenLimit: f.measured(label('Bioburden limit per device', '单件初始污染菌限度'), {
    critical: 'CQA',
    unit: 'CFU',
    min: '0',
    max: '1000',
  }),
  paperGrammage: f.measured(label('Sterile barrier paper grammage', '灭菌包装纸克重'), {
    critical: 'CMA',
    unit: 'g/m²',
    min: '50',
    max: '120',
  }),
  status: statusField(lifecycle),
}

/** The validated process parameters of one product: sterilisation, sealing and their limits. */
export const recipe = defineRecordType({
  id: 'meddev.recipe',
  version: '1.0.0',
  title: label('Process recipe', '工艺配方'),
  description: label(
    'Setpoints and limits of the validated manufacturing process; a new version is a new record under change control.',
    '经验证的生产工艺设定值及限度；新版本须经变更控制另建记录。',
  ),
  ...f.shape(fields),
  reasons: [
    transcriptionError,
    specificationChange,
    { code: 'process_validation', label: label('Result of process validation', '工艺验证结果') },
    other,
  ],
  lifecycle,
  retention: { years: 15, from: 'created' },
  summary: '{product} · {recipeVersion}',
})
