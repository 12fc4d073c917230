import { defineRecordType } from '@veritrail/core'
import * as f from '../fields/index.js'
import { label } from '../label.js'
import { other, transcriptionError } from '../reasons.js'

const fields = {
  supplierCode: f.text(label('Supplier code', '供应商代码'), {
    critical: 'GMP',
    pattern: /^SUP-\d{3,5}$/,
  }),
  supplierName: f.text(label('Supplier name', '供应商名称'), { critical: 'GMP' }),
  scope: f.longtext(label('Scope of supply', '供货范围'), { critical: 'GMP' }),
  supplierClass: f.choice(
    label('Supplier class', '供应商分类'),
    {
      A: label(
        'A – critical: affects product safety or performance',
        'A类 – 关键：影响产品安全或性能',
      ),
      B: label('B – major', 'B类 – 重要'),
      C: label('C – minor', 'C类 – 一般'),
    },
    { critical: 'GMP' },
  ),
  auditType: f.optional(
    f.choice(label('Audit type', '审核方式'), {
      onsite: label('On-site audit', '现场审核'),
      remote: label('Remote audit', '远程审核'),
      questionnaire: label('Questionnaire', '问卷调查'),
    }),
  ),
  auditDate: f.optional(f.date(label('Audit date', '审核日期'), { critical: 'GMP' })),
  certificate: f.optional(f.attachment(label('ISO 13485 certificate', 'ISO 13485 证书'))),
  certificateExpiry: f.optional(
    f.date(label('Certificate valid until', '证书有效期至'), { critical: 'GMP' }),
  ),
  qualificationStatus: f.choice(
    label('Qualification status', '资格状态'),
    {
      pending: label('Pending', '待评定'),
      approved: label('Approved', '合格'),
      conditional: label('Conditionally approved', '有条件合格'),
      disqualified: label('Disqualified', '不合格（取消资格）'),
    },
    { critical: 'GMP' },
  ),
  requalificationDue: f.optional(
    f.date(label('Requalification due', '再评定到期日'), { critical: 'GMP' }),
  ),
  remarks: f.optional(f.longtext(label('Remarks', '备注'))),
}

/** The qualification of a supplier (ISO 13485 §7.4.1): who may deliver what, until when. */
export const supplierQualification = defineRecordType({
  id: 'meddev.supplierQualification',
  version: '1.0.0',
  title: label('Supplier qualification', '供应商资格评定'),
  description: label(
    'Evaluation and approval of a supplier, its scope and its requalification date.',
    '供应商的评价与批准，包括供货范围及再评定日期。',
  ),
  ...f.shape(fields),
  reasons: [
    transcriptionError,
    {
      code: 'qualification_decision',
      label: label('Qualification decision after audit', '审核后的资格评定结论'),
    },
    { code: 'requalification', label: label('Periodic requalification', '定期再评定') },
    { code: 'certificate_renewed', label: label('Certificate renewed', '证书更新') },
    other,
  ],
  retention: { years: 15, from: 'created' },
  summary: '{supplierCode} · {supplierName}',
  unique: ['supplierCode'],
})
