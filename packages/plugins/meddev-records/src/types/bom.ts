import { defineRecordType, type LifecycleDefinition } from '@veritrail/core'
import * as f from '../fields/index.js'
import { label } from '../label.js'
import { state, statusField, transition } from '../lifecycle.js'
import { other, specificationChange, transcriptionError } from '../reasons.js'
import { materialUnits } from '../units.js'

const lifecycle: LifecycleDefinition = {
  field: 'status',
  initial: 'draft',
  states: [
    state('draft', label('Draft', '草稿')),
    state('approved', label('Approved', '已批准'), true),
    state('obsolete', label('Obsolete', '已作废'), true),
  ],
  transitions: [
    transition('draft', 'approved', label('Approve', '批准'), { signatures: ['approval'] }),
    transition('approved', 'obsolete', label('Make obsolete', '作废'), {
      signatures: ['approval'],
    }),
  ],
}

/** The columns of a BOM line; the core stores the list as one field, a table view uses these. */
export const bomComponents = f.table(
  label('Components', '组件清单'),
  {
    partNumber: f.text(label('Part number', '物料编码'), { critical: 'GMP', max: 40 }),
    description: f.text(label('Description', '物料名称')),
    quantity: f.measured(label('Quantity per unit', '单位用量'), { critical: 'GMP', min: '0' }),
    unit: f.choice(label('Unit', '单位'), materialUnits, { critical: 'GMP' }),
  },
  { critical: 'GMP', min: 1 },
)

const fields = {
  product: f.text(label('Product', '产品'), { critical: 'GMP', max: 40 }),
  bomRevision: f.text(label('BOM revision', 'BOM版本'), { critical: 'GMP', max: 10 }),
  components: bomComponents,
  changeControl: f.optional(
    f.reference(label('Change control', '变更控制'), 'meddev.changeControl', { critical: 'GMP' }),
  ),
  remarks: f.optional(f.longtext(label('Remarks', '备注'))),
  status: statusField(lifecycle),
}

/** The bill of materials of one product revision. */
export const bom = defineRecordType({
  id: 'meddev.bom',
  version: '1.0.0',
  title: label('Bill of materials', '物料清单（BOM）'),
  ...f.shape(fields),
  reasons: [transcriptionError, specificationChange, other],
  lifecycle,
  retention: { years: 15, from: 'created' },
  summary: '{product} · BOM {bomRevision}',
})
