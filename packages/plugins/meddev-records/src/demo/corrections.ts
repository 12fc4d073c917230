import { batch } from '../types/batch.js'
import { capa } from '../types/capa.js'
import { changeControl } from '../types/change-control.js'
import { equipmentUsage } from '../types/equipment-usage.js'
import { purchase } from '../types/purchase.js'
import { supplierQualification } from '../types/supplier-qualification.js'
import { training } from '../types/training.js'
import type { DemoOperation } from './operation.js'
import { trainers } from './people.js'
import { batchRemarks, transcriptionTexts } from './texts.js'
import type { DemoProcess, DemoWorld } from './world.js'

type Correction = (w: DemoWorld) => DemoOperation | undefined

/** The newest editable record of a type that passes `filter`, if any. */
function target(
  w: DemoWorld,
  type: Parameters<DemoWorld['recent']>[0],
  filter: (d: Record<string, unknown>) => boolean,
) {
  const keys = w.recent(type, 8, filter).filter((key) => !w.isLocked(key))
  return keys.length === 0 ? undefined : w.random.pick(keys)
}

function shiftDays(date: string, days: number): string {
  const day = new Date(`${date}T00:00:00Z`)
  day.setUTCDate(day.getUTCDate() + days)
  return day.toISOString().slice(0, 10)
}

// Everyday fixes, each the kind a reviewer sees in a real audit trail. Critical fields always
// change with a reason; remarks and notes change without one.
const corrections: Correction[] = [
  (w) => {
    const key = target(w, batch, (d) => d.actualSterilisationTime !== undefined)
    if (!key) return undefined
    const time = (
      Number(w.get(key).data.actualSterilisationTime) +
      w.random.int(1, 5) / 10
    ).toFixed(1)
    return w.update(
      key,
      { actualSterilisationTime: time },
      { code: 'transcription_error', text: w.random.pick(transcriptionTexts) },
    )
  },
  (w) => {
    const key = target(w, batch, (d) => typeof d.quantityProduced === 'number')
    if (!key) return undefined
    const quantity = Number(w.get(key).data.quantityProduced) - w.random.int(1, 20)
    return w.update(
      key,
      { quantityProduced: quantity },
      { code: 'recount', text: '复核产量后更正' },
    )
  },
  (w) => {
    const key = target(w, batch, (d) => d.status !== 'aborted' && d.remarks === undefined)
    return key ? w.update(key, { remarks: w.random.pick(batchRemarks) }) : undefined
  },
  (w) => {
    const key = target(w, purchase, (d) => d.inspectionResult === 'pending')
    if (!key) return undefined
    return w.update(
      key,
      { supplierLot: `${String(w.get(key).data.supplierLot)}A` },
      { code: 'supplier_document_correction', text: '按供应商送货单更正批号' },
    )
  },
  (w) => {
    const key = target(w, purchase, (d) => d.expiryDate !== undefined)
    if (!key) return undefined
    const expiry = shiftDays(String(w.get(key).data.expiryDate), -w.random.int(10, 90))
    return w.update(
      key,
      { expiryDate: expiry },
      { code: 'other', text: 'Supplier issued a corrected CoA; expiry date updated.' },
    )
  },
  (w) => {
    const key = target(w, equipmentUsage, () => true)
    if (!key) return undefined
    const due = shiftDays(String(w.get(key).data.calibrationDue), w.random.int(20, 60))
    return w.update(
      key,
      { calibrationDue: due },
      { code: 'calibration_correction', text: '按最新校准证书更正校准有效期' },
    )
  },
  (w) => {
    const key = target(w, equipmentUsage, (d) => d.notes === undefined)
    return key
      ? w.update(key, {
          notes: w.random.pick([
            '使用前点检正常。',
            'Door gasket replaced after use.',
            '运行参数与设定值一致。',
          ]),
        })
      : undefined
  },
  (w) => {
    const key = target(w, training, () => true)
    if (!key) return undefined
    const trainer = trainers.find((t) => t.name !== w.get(key).data.trainer)!.name
    return w.update(key, { trainer }, { code: 'transcription_error', text: '培训师姓名录入错误' })
  },
  (w) => {
    const key = target(w, capa, (d) => d.status === 'investigation' || d.status === 'action')
    if (!key) return undefined
    const due = shiftDays(String(w.get(key).data.dueDate), 30)
    return w.update(
      key,
      { dueDate: due },
      {
        code: 'due_date_extension',
        text: 'Supplier corrective action delayed; extension approved by QA.',
      },
    )
  },
  (w) => {
    const key = target(w, changeControl, (d) => d.status === 'draft' || d.status === 'assessment')
    return key ? w.update(key, { title: `${String(w.get(key).data.title)}（修订）` }) : undefined
  },
  (w) => {
    const key = target(w, supplierQualification, (d) => d.remarks === undefined)
    return key ? w.update(key, { remarks: '质量协议已续签。' }) : undefined
  },
]

/** One correction of a recent record, when there is something to correct. */
export function* correction(w: DemoWorld): DemoProcess {
  const op = w.random.pick(corrections)(w)
  if (op) yield op
}
