import { defineRecordType, type LifecycleDefinition } from '@veritrail/core'
import * as f from '../fields/index.js'
import { label } from '../label.js'
import { state, statusField, transition } from '../lifecycle.js'
import { other, transcriptionError } from '../reasons.js'

const lifecycle: LifecycleDefinition = {
  field: 'status',
  initial: 'draft',
  states: [
    state('draft', label('Draft', '草稿')),
    state('in_review', label('In review', '审核中')),
    state('approved', label('Approved', '已批准'), true),
    state('obsolete', label('Obsolete', '已作废'), true),
  ],
  transitions: [
    transition('draft', 'in_review', label('Submit for review', '提交审核'), {
      signatures: ['authorship'],
    }),
    transition('in_review', 'draft', label('Return for rework', '退回修改')),
    transition('in_review', 'approved', label('Approve', '批准'), {
      signatures: ['review', 'approval'],
    }),
    transition('approved', 'obsolete', label('Make obsolete', '作废'), {
      signatures: ['approval'],
    }),
  ],
}

const fields = {
  documentNumber: f.text(label('Document number', '文件编号'), { critical: 'GMP', max: 40 }),
  revision: f.text(label('Revision', '版本'), { critical: 'GMP', max: 10 }),
  title: f.text(label('Title', '标题')),
  product: f.text(label('Product', '产品'), { critical: 'GMP', max: 40 }),
  designPhase: f.choice(
    label('Design phase', '设计开发阶段'),
    {
      planning: label('Design and development planning', '设计开发策划'),
      input: label('Design input', '设计开发输入'),
      output: label('Design output', '设计开发输出'),
      review: label('Design review', '设计开发评审'),
      verification: label('Design verification', '设计开发验证'),
      validation: label('Design validation', '设计开发确认'),
      transfer: label('Design transfer', '设计开发转换'),
      change: label('Design change', '设计开发更改'),
    },
    { critical: 'GMP' },
  ),
  owner: f.text(label('Document owner', '文件负责人')),
  changeControl: f.optional(
    f.reference(label('Change control', '变更控制'), 'meddev.changeControl', { critical: 'GMP' }),
  ),
  file: f.optional(
    f.attachment(label('Controlled document file', '受控文件'), { critical: 'GMP' }),
  ),
  effectiveDate: f.optional(f.date(label('Effective date', '生效日期'), { critical: 'GMP' })),
  status: statusField(lifecycle, label('Approval status', '审批状态')),
}

/** A controlled document of the design history file (ISO 13485 §7.3, 21 CFR 820.30). */
export const designDocument = defineRecordType({
  id: 'meddev.designDocument',
  version: '1.0.0',
  title: label('Design document', '设计开发文件'),
  description: label(
    'One revision of a design-history-file document; a new revision is a new record.',
    '设计历史文档中某一版本的文件；新版本另建一条记录。',
  ),
  ...f.shape(fields),
  reasons: [
    transcriptionError,
    { code: 'review_comment', label: label('Review comment incorporated', '采纳审核意见') },
    {
      code: 'design_change',
      label: label('Design change under change control', '经变更控制批准的设计更改'),
    },
    other,
  ],
  lifecycle,
  retention: {
    years: 15,
    from: 'created',
    description: label('At least the lifetime of the device', '不少于器械的寿命期'),
  },
  summary: '{documentNumber}/{revision} · {title}',
})
