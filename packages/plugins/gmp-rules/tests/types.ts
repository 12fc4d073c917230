import * as v from 'valibot'
import { decimal, defineRecordType, staticRegistry, type LocalizedText } from '@veritrail/core'

// Record types of a small sterile-device plant, shaped like the meddev pack's: critical process
// parameters and quality attributes, lifecycles with abort and void states, an alarm switch.

const label = (en: string, zh: string): LocalizedText => ({ en, 'zh-CN': zh })
const reasons = [
  { code: 'transcription_error', label: label('Transcription or typing error', '抄写或录入错误') },
  { code: 'step_completed', label: label('Process step completed, values recorded', '工序完成，录入实测数据') },
  { code: 'late_entry', label: label('Late entry of data recorded on paper', '纸质记录数据补录') },
  { code: 'reprocessing', label: label('Reprocessing of raw data', '原始数据重新处理') },
  { code: 'other', label: label('Other (explain)', '其他（请说明）'), requiresText: true },
]
const status = (states: Record<string, LocalizedText>) => ({
  kind: 'enum' as const,
  label: label('Status', '状态'),
  options: Object.entries(states).map(([value, l]) => ({ value, label: l })),
})

const batchStates = {
  in_production: label('In production', '生产中'),
  completed: label('Completed', '已完成'),
  aborted: label('Aborted', '已中止'),
}

/** A production batch with critical sterilisation parameters. */
export const batch = defineRecordType({
  id: 'plant.batch',
  version: '1.0.0',
  title: label('Production batch', '生产批次'),
  schema: v.object({
    batchNumber: v.string(),
    product: v.string(),
    sterilisationTemperature: v.optional(decimal()),
    sterilisationTime: v.optional(decimal()),
    quantity: v.optional(v.number()),
    remarks: v.optional(v.string()),
    status: v.picklist(Object.keys(batchStates)),
  }),
  fields: {
    batchNumber: { kind: 'text', critical: 'GMP', label: label('Batch number', '批号') },
    product: { kind: 'text', critical: 'GMP', label: label('Product', '产品') },
    sterilisationTemperature: { kind: 'decimal', unit: '°C', critical: 'CPP', label: label('Sterilisation temperature', '灭菌温度') },
    sterilisationTime: { kind: 'decimal', unit: 'min', critical: 'CPP', label: label('Sterilisation hold time', '灭菌保持时间') },
    quantity: { kind: 'integer', unit: 'pcs', critical: 'GMP', label: label('Quantity produced', '产出数量') },
    remarks: { kind: 'longtext', label: label('Remarks', '备注') },
    status: status(batchStates),
  },
  reasons,
  lifecycle: {
    field: 'status',
    initial: 'in_production',
    states: Object.entries(batchStates).map(([id, l]) => ({ id, label: l })),
    transitions: [
      { from: 'in_production', to: 'completed', label: label('Complete', '完成') },
      { from: 'in_production', to: 'aborted', label: label('Abort', '中止') },
    ],
  },
  summary: '{batchNumber} · {product}',
  deletable: { roles: ['operator', 'sysadmin'] },
})

const resultStates = {
  pending: label('Pending', '待测'),
  reported: label('Reported', '已报告'),
  approved: label('Approved', '已批准'),
  voided: label('Voided', '已作废'),
}

/** A QC test result with a critical quality attribute. */
export const result = defineRecordType({
  id: 'plant.result',
  version: '1.0.0',
  title: label('QC test result', '质检结果'),
  schema: v.object({
    sampleId: v.string(),
    test: v.string(),
    assay: v.optional(decimal()),
    remarks: v.optional(v.string()),
    status: v.picklist(Object.keys(resultStates)),
  }),
  fields: {
    sampleId: { kind: 'text', critical: 'GMP', label: label('Sample ID', '样品编号') },
    test: { kind: 'text', label: label('Test', '检验项目') },
    assay: { kind: 'decimal', unit: '%', critical: 'CQA', label: label('Assay', '含量') },
    remarks: { kind: 'longtext', label: label('Remarks', '备注') },
    status: status(resultStates),
  },
  reasons,
  lifecycle: {
    field: 'status',
    initial: 'pending',
    states: Object.entries(resultStates).map(([id, l]) => ({ id, label: l })),
    transitions: [
      { from: 'pending', to: 'reported', label: label('Report', '报告') },
      { from: 'reported', to: 'approved', label: label('Approve', '批准'), signatures: ['review', 'approval'] },
      { from: 'reported', to: 'voided', label: label('Void', '作废') },
    ],
  },
  summary: '{sampleId} · {test}',
  deletable: { roles: ['operator'] },
})

/** An autoclave with its high-temperature alarm switch and limit. */
export const equipment = defineRecordType({
  id: 'plant.equipment',
  version: '1.0.0',
  title: label('Equipment', '设备'),
  schema: v.object({
    equipmentId: v.string(),
    highTemperatureAlarm: v.boolean(),
    alarmLimit: v.optional(decimal()),
    notes: v.optional(v.string()),
  }),
  fields: {
    equipmentId: { kind: 'text', critical: 'GMP', label: label('Equipment ID', '设备编号') },
    highTemperatureAlarm: { kind: 'boolean', critical: 'GMP', label: label('High-temperature alarm', '超温报警') },
    alarmLimit: { kind: 'decimal', unit: '°C', critical: 'CPP', label: label('Alarm limit', '报警限值') },
    notes: { kind: 'longtext', label: label('Notes', '备注') },
  },
  reasons,
  summary: '{equipmentId}',
})

export const registry = staticRegistry([batch, result, equipment])
