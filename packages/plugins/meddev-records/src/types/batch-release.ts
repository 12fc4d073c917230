import * as v from 'valibot'
import { defineRecordType, type LifecycleDefinition } from '@veritrail/core'
import * as f from '../fields/index.js'
import { label } from '../label.js'
import { state, statusField, transition } from '../lifecycle.js'
import { other, transcriptionError } from '../reasons.js'

const lifecycle: LifecycleDefinition = {
  field: 'status',
  initial: 'pending',
  states: [
    state('pending', label('Pending', '待放行')),
    state('under_review', label('Under review', '审核中')),
    state('released', label('Released', '已放行'), true),
    state('rejected', label('Rejected', '拒绝放行'), true),
  ],
  transitions: [
    transition('pending', 'under_review', label('Start review', '开始审核')),
    transition('under_review', 'released', label('Release', '放行'), {
      signatures: ['review', 'approval'],
      requiresReview: true,
    }),
    transition('under_review', 'rejected', label('Reject', '拒绝放行'), {
      signatures: ['review', 'approval'],
      requiresReview: true,
    }),
  ],
}

const fields = {
  batch: f.reference(label('Batch', '批次'), 'meddev.batch', { critical: 'GMP' }),
  batchNumber: f.text(label('Batch number', '批号'), { critical: 'GMP', max: 30 }),
  inspections: f.references(
    label('Inspection reports considered', '已审核的检验报告'),
    'meddev.inspection',
    { critical: 'GMP' },
  ),
  batchRecordReviewed: f.flag(label('Batch record reviewed', '批生产记录已审核'), {
    critical: 'GMP',
  }),
  deviationsClosed: f.flag(label('All deviations closed', '所有偏差已关闭'), { critical: 'GMP' }),
  decision: f.optional(
    f.choice(
      label('Release decision', '放行决定'),
      { release: label('Release', '放行'), reject: label('Reject', '不放行') },
      { critical: 'GMP' },
    ),
  ),
  qaComments: f.optional(f.longtext(label('QA comments', 'QA意见'), { critical: 'GMP' })),
  status: statusField(lifecycle),
}

/** A state and the decision it needs: released only on `release`, after review, with no open deviation. */
export function decisionMatchesStatus(d: {
  status: string
  decision?: 'release' | 'reject' | undefined
  batchRecordReviewed: boolean
  deviationsClosed: boolean
}): boolean {
  if (d.status === 'released')
    return d.decision === 'release' && d.batchRecordReviewed && d.deviationsClosed
  if (d.status === 'rejected') return d.decision === 'reject'
  return true
}

const base = f.shape(fields)

/** The QA disposition of a batch (ISO 13485 §8.2.6): released for sale or rejected. */
export const batchRelease = defineRecordType({
  id: 'meddev.batchRelease',
  version: '1.0.0',
  title: label('Batch release', '批放行'),
  schema: v.pipe(
    base.schema,
    v.forward(
      v.partialCheck(
        [['status'], ['decision'], ['batchRecordReviewed'], ['deviationsClosed']],
        decisionMatchesStatus,
        'Release needs the decision “release”, a reviewed batch record and no open deviation; rejection needs “reject”.',
      ),
      ['decision'],
    ),
  ),
  fields: base.fields,
  reasons: [
    transcriptionError,
    { code: 'review_completed', label: label('Batch record review completed', '批记录审核完成') },
    {
      code: 'review_finding',
      label: label('Finding from the batch record review', '批记录审核发现问题'),
    },
    other,
  ],
  lifecycle,
  retention: { years: 15, from: 'created' },
  summary: '{batchNumber} · {status}',
})
