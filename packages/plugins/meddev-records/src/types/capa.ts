import * as v from 'valibot'
import { defineRecordType, type LifecycleDefinition } from '@veritrail/core'
import * as f from '../fields/index.js'
import { label } from '../label.js'
import { state, statusField, transition } from '../lifecycle.js'
import { other, transcriptionError } from '../reasons.js'

const lifecycle: LifecycleDefinition = {
  field: 'status',
  initial: 'open',
  states: [
    state('open', label('Open', '已开启')),
    state('investigation', label('Investigation', '调查中')),
    state('action', label('Actions in progress', '措施实施中')),
    state('effectiveness_check', label('Effectiveness check', '有效性验证中')),
    state('closed', label('Closed', '已关闭'), true),
  ],
  transitions: [
    transition('open', 'investigation', label('Start investigation', '开始调查')),
    transition('investigation', 'action', label('Approve action plan', '批准措施计划')),
    transition('action', 'effectiveness_check', label('Actions completed', '措施已完成')),
    transition(
      'effectiveness_check',
      'action',
      label('Not effective: further action', '无效：追加措施'),
    ),
    transition('effectiveness_check', 'closed', label('Close', '关闭'), {
      signatures: ['approval'],
    }),
  ],
}

const fields = {
  capaNumber: f.text(label('CAPA number', 'CAPA编号'), {
    critical: 'GMP',
    pattern: /^CAPA-\d{4}-\d{3,}$/,
  }),
  title: f.text(label('Title', '标题')),
  source: f.choice(
    label('Source', '来源'),
    {
      deviation: label('Deviation', '偏差'),
      nonconformance: label('Nonconforming product', '不合格品'),
      complaint: label('Customer complaint', '客户投诉'),
      audit: label('Audit finding', '审核发现'),
      trend: label('Trend analysis', '趋势分析'),
    },
    { critical: 'GMP' },
  ),
  sourceReference: f.text(
    label(
      'Source reference (deviation, complaint or audit number)',
      '来源编号（偏差、投诉或审核编号）',
    ),
    { critical: 'GMP', max: 60 },
  ),
  relatedBatches: f.references(label('Related batches', '相关批次'), 'meddev.batch', {
    critical: 'GMP',
  }),
  changeControl: f.optional(
    f.reference(label('Change control', '变更控制'), 'meddev.changeControl', { critical: 'GMP' }),
  ),
  problemDescription: f.longtext(label('Problem description', '问题描述'), { critical: 'GMP' }),
  rootCause: f.optional(f.longtext(label('Root cause', '根本原因'), { critical: 'GMP' })),
  correctiveAction: f.optional(
    f.longtext(label('Corrective action', '纠正措施'), { critical: 'GMP' }),
  ),
  preventiveAction: f.optional(
    f.longtext(label('Preventive action', '预防措施'), { critical: 'GMP' }),
  ),
  owner: f.text(label('Owner', '负责人'), { max: 60 }),
  dueDate: f.date(label('Due date', '计划完成日期'), { critical: 'GMP' }),
  effectivenessCheck: f.optional(
    f.longtext(label('Effectiveness check', '有效性验证'), { critical: 'GMP' }),
  ),
  effective: f.optional(f.flag(label('Actions effective', '措施有效'), { critical: 'GMP' })),
  status: statusField(lifecycle),
}

/** True unless a closed CAPA lacks its root cause, actions or a positive effectiveness check. */
export function closedCapaIsComplete(d: {
  status: string
  rootCause?: string | undefined
  correctiveAction?: string | undefined
  effectivenessCheck?: string | undefined
  effective?: boolean | undefined
}): boolean {
  if (d.status !== 'closed') return true
  return (
    d.rootCause !== undefined &&
    d.correctiveAction !== undefined &&
    d.effectivenessCheck !== undefined &&
    d.effective === true
  )
}

const base = f.shape(fields)

/** A corrective and preventive action (ISO 13485 §8.5.2–8.5.3), from problem to proven effect. */
export const capa = defineRecordType({
  id: 'meddev.capa',
  version: '1.0.0',
  title: label('Corrective and preventive action (CAPA)', '纠正和预防措施（CAPA）'),
  schema: v.pipe(
    base.schema,
    v.forward(
      v.partialCheck(
        [['status'], ['rootCause'], ['correctiveAction'], ['effectivenessCheck'], ['effective']],
        closedCapaIsComplete,
        'A CAPA closes only with a root cause, a corrective action and a positive effectiveness check.',
      ),
      ['status'],
    ),
  ),
  fields: base.fields,
  reasons: [
    transcriptionError,
    {
      code: 'investigation_update',
      label: label('New findings from the investigation', '调查有新发现'),
    },
    { code: 'action_plan', label: label('Action plan defined or revised', '制定或修订措施计划') },
    { code: 'due_date_extension', label: label('Due date extended with approval', '经批准延期') },
    {
      code: 'effectiveness_verified',
      label: label('Effectiveness check completed', '有效性验证完成'),
    },
    other,
  ],
  lifecycle,
  retention: { years: 15, from: 'created' },
  summary: '{capaNumber} · {title}',
  unique: ['capaNumber'],
})
