import type { RecordType } from '../api/types.ts'

/** A trimmed copy of `meddev.recipe` and `meddev.bom` as GET /api/v1/record-types answers. */
export const recipeType: RecordType = {
  id: 'meddev.recipe',
  version: '1.0.0',
  title: 'Process recipe',
  fields: [
    { name: 'product', label: 'Product', kind: 'text', critical: true },
    {
      name: 'sterilisationTime',
      label: 'Sterilisation hold time',
      kind: 'decimal',
      critical: true,
      unit: 'min',
    },
    { name: 'startedAt', label: 'Start', kind: 'datetime', critical: false },
    {
      name: 'changeControl',
      label: 'Change control',
      kind: 'reference',
      critical: true,
      references: 'meddev.changeControl',
    },
    { name: 'components', label: 'Components', kind: 'list', critical: true },
    { name: 'equipment', label: 'Equipment used', kind: 'list', critical: false },
    { name: 'remarks', label: 'Remarks', kind: 'longtext', critical: false },
    {
      name: 'status',
      label: 'Status',
      kind: 'enum',
      critical: false,
      options: [
        { value: 'draft', label: 'Draft' },
        { value: 'approved', label: 'Approved' },
      ],
    },
  ],
  reasons: [
    { code: 'transcription_error', label: 'Transcription or typing error' },
    { code: 'other', label: 'Other (explain)', requiresText: true },
  ],
  lifecycle: {
    field: 'status',
    initial: 'draft',
    states: [
      { id: 'draft', label: 'Draft', locks: false },
      { id: 'approved', label: 'Approved', locks: true },
    ],
    transitions: [
      {
        from: 'draft',
        to: 'approved',
        label: 'Approve',
        signatures: ['approval'],
        requiresReview: false,
      },
    ],
  },
  deletable: [],
  summary: '{product} · {sterilisationTime}',
  jsonSchema: {
    type: 'object',
    properties: {
      product: { type: 'string', maxLength: 40 },
      sterilisationTime: { type: 'string', pattern: '^-?(0|[1-9]\\d*)(\\.\\d+)?$' },
      startedAt: { type: 'string', format: 'date-time' },
      changeControl: { type: 'string', format: 'uuid' },
      components: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            partNumber: { type: 'string' },
            quantity: { type: 'string', pattern: '^-?(0|[1-9]\\d*)(\\.\\d+)?$' },
            unit: { type: 'string', enum: ['pcs', 'kg'] },
          },
          required: ['partNumber', 'quantity', 'unit'],
        },
      },
      equipment: { type: 'array', items: { type: 'string' } },
      remarks: { type: 'string' },
      status: { type: 'string', enum: ['draft', 'approved'] },
    },
    required: ['product', 'sterilisationTime', 'status'],
  },
}
