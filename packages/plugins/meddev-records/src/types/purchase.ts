import { defineRecordType } from '@veritrail/core'
import * as f from '../fields/index.js'
import { label } from '../label.js'
import { calibrationCorrection, other, transcriptionError } from '../reasons.js'
import { materialUnits } from '../units.js'

const fields = {
  receiptNumber: f.text(label('Goods receipt number', '收货单号'), {
    critical: 'GMP',
    pattern: /^GR-\d{4}-\d{5,}$/,
  }),
  poNumber: f.text(label('Purchase order number', '采购订单号'), { max: 40 }),
  supplier: f.reference(label('Supplier', '供应商'), 'meddev.supplierQualification', {
    critical: 'GMP',
  }),
  materialCode: f.text(label('Material code', '物料编码'), { critical: 'GMP', max: 40 }),
  materialDescription: f.text(label('Material description', '物料名称')),
  supplierLot: f.text(label('Supplier lot', '供应商批号'), { critical: 'GMP', max: 60 }),
  quantity: f.measured(label('Quantity received', '收货数量'), { critical: 'GMP', min: '0' }),
  quantityUnit: f.choice(label('Unit', '单位'), materialUnits, { critical: 'GMP' }),
  receiptDate: f.date(label('Receipt date', '收货日期'), { critical: 'GMP' }),
  expiryDate: f.optional(f.date(label('Expiry date', '有效期至'), { critical: 'GMP' })),
  certificateOfAnalysis: f.optional(
    f.attachment(label('Certificate of analysis (CoA)', '供应商检验报告（COA）')),
  ),
  inspectionResult: f.choice(
    label('Incoming inspection result', '来料检验结论'),
    {
      pending: label('Pending (quarantine)', '待检（待验区）'),
      accepted: label('Accepted', '合格'),
      conditional: label('Accepted under concession', '让步接收'),
      rejected: label('Rejected', '不合格'),
    },
    { critical: 'GMP' },
  ),
  inspectedBy: f.optional(f.text(label('Inspected by', '检验员'), { critical: 'GMP' })),
  remarks: f.optional(f.longtext(label('Remarks', '备注'))),
}

/** A receipt of purchased material: which supplier lot came in, how much, and whether it passed. */
export const purchase = defineRecordType({
  id: 'meddev.purchase',
  version: '1.0.0',
  title: label('Purchase receipt', '采购收货记录'),
  description: label(
    'Receipt of purchased material against a purchase order, with its incoming inspection.',
    '按采购订单接收物料的记录及来料检验结论。',
  ),
  ...f.shape(fields),
  reasons: [
    transcriptionError,
    { code: 'recount', label: label('Quantity recounted', '重新清点数量') },
    {
      code: 'supplier_document_correction',
      label: label(
        'Supplier document (CoA, delivery note) corrected',
        '供应商文件（COA、送货单）更正',
      ),
    },
    { code: 'inspection_completed', label: label('Incoming inspection completed', '来料检验完成') },
    calibrationCorrection,
    other,
  ],
  retention: { years: 15, from: { field: 'receiptDate' } },
  summary: '{receiptNumber} · {materialCode} · {supplierLot}',
  unique: ['receiptNumber'],
})
