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
    state('assessment', label('Impact assessment', '影响评估中')),
    state('approved', label('Approved', '已批准')),
    state('implemented', label('Implemented', '已实施')),
    state('closed', label('Closed', '已关闭'), true),
  ],
  transitions: [
    transition('draft', 'assessment', label('Submit for assessment', '提交评估')),
    transition('assessment', 'draft', label('Return for rework', '退回修改')),
    transition('assessment', 'approved', label('Approve change', '批准变更'), {
      signatures: ['approval'],
    }),
    transition('approved', 'implemented', label('Confirm implementation', '确认实施')),
    transition('implemented', 'closed', label('Close', '关闭'), { signatures: ['approval'] }),
  ],
}

const fields = {
  changeNumber: f.text(label('Change number', '变更编号'), {
    critical: 'GMP',
    pattern: /^CC-\d{4}-\d{3,}$/,
  }),
  title: f.text(label('Title', '标题')),
  changeType: f.choice(
    label('Type of change', '变更类型'),
    {
      design: label('Design', '设计变更'),
      process: label('Process', '工艺变更'),
      material: label('Material', '物料变更'),
      supplier: label('Supplier', '供应商变更'),
      equipment: label('Equipment', '设备变更'),
      document: label('Document', '文件变更'),
    },
    { critical: 'GMP' },
  ),
  description: f.longtext(label('Description and reason for the change', '变更内容及原因'), {
    critical: 'GMP',
  }),
  impactAssessment: f.optional(
    f.longtext(label('Impact assessment', '影响评估'), { critical: 'GMP' }),
  ),
  changeClass: f.optional(
    f.choice(
      label('Change class', '变更级别'),
      {
        minor: label('Minor', '微小变更'),
        moderate: label('Moderate', '一般变更'),
        major: label('Major', '重大变更'),
      },
      { critical: 'GMP' },
    ),
  ),
  regulatoryNotification: f.optional(
    f.flag(
      label(
        'Registration change or notification to the authority needed',
        '需办理注册变更或向监管部门报告',
      ),
      { critical: 'GMP' },
    ),
  ),
  affectedDocuments: f.references(
    label('Affected design documents', '受影响的设计文件'),
    'meddev.designDocument',
  ),
  affectedRecipes: f.references(label('Affected recipes', '受影响的工艺配方'), 'meddev.recipe'),
  affectedBoms: f.references(
    label('Affected bills of materials', '受影响的物料清单'),
    'meddev.bom',
  ),
  approvedBy: f.optional(f.text(label('Approved by', '批准人'), { critical: 'GMP', max: 60 })),
  approvalDate: f.optional(f.date(label('Approval date', '批准日期'), { critical: 'GMP' })),
  implementationDate: f.optional(
    f.date(label('Implementation date', '实施日期'), { critical: 'GMP' }),
  ),
  status: statusField(lifecycle),
}

/** A controlled change to design, process, material, supplier, equipment or documents. */
export const changeControl = defineRecordType({
  id: 'meddev.changeControl',
  version: '1.0.0',
  title: label('Change control', '变更控制'),
  ...f.shape(fields),
  reasons: [
    transcriptionError,
    { code: 'assessment_update', label: label('Impact assessment updated', '影响评估更新') },
    { code: 'approval_recorded', label: label('Approval recorded', '录入批准信息') },
    { code: 'implementation_recorded', label: label('Implementation recorded', '录入实施信息') },
    other,
  ],
  lifecycle,
  retention: { years: 15, from: 'created' },
  summary: '{changeNumber} · {title}',
  unique: ['changeNumber'],
})
