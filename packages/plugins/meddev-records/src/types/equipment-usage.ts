import * as v from 'valibot'
import { defineRecordType } from '@veritrail/core'
import * as f from '../fields/index.js'
import { label } from '../label.js'
import {
  calibrationCorrection,
  duplicateEntry,
  lateEntry,
  other,
  transcriptionError,
} from '../reasons.js'

const fields = {
  equipmentId: f.text(label('Equipment id', '设备编号'), {
    critical: 'GMP',
    pattern: /^[A-Z]{2,4}-\d{2,3}$/,
  }),
  equipmentName: f.optional(f.text(label('Equipment name', '设备名称'))),
  batch: f.reference(label('Batch', '批次'), 'meddev.batch', { critical: 'GMP' }),
  startedAt: f.datetime(label('Start of use', '使用开始时间'), { critical: 'GMP' }),
  endedAt: f.datetime(label('End of use', '使用结束时间'), { critical: 'GMP' }),
  operator: f.text(label('Operator', '操作人'), { critical: 'GMP', max: 60 }),
  cleaningStatus: f.choice(
    label('Cleaning status', '清洁状态'),
    {
      cleaned: label('Cleaned after use', '使用后已清洁'),
      pending: label('Cleaning pending', '待清洁'),
      not_required: label('Not required', '无需清洁'),
    },
    { critical: 'GMP' },
  ),
  calibrationDue: f.date(label('Calibration due', '校准有效期至'), { critical: 'GMP' }),
  notes: f.optional(f.longtext(label('Notes', '备注'))),
}

const base = f.shape(fields)

/** One use of a piece of equipment for a batch, with its cleaning and calibration status. */
export const equipmentUsage = defineRecordType({
  id: 'meddev.equipmentUsage',
  version: '1.0.0',
  title: label('Equipment usage log', '设备使用日志'),
  schema: v.pipe(
    base.schema,
    v.forward(v.partialCheck([['startedAt'], ['endedAt']], f.endsAfterStart, f.END_BEFORE_START), [
      'endedAt',
    ]),
  ),
  fields: base.fields,
  reasons: [transcriptionError, lateEntry, calibrationCorrection, duplicateEntry, other],
  retention: { years: 15, from: 'created' },
  summary: '{equipmentId} · {operator} · {startedAt}',
  deletable: { roles: ['operator'] },
})
