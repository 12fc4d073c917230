import type { RecordTypeDefinition } from '@veritrail/core'
import { batch } from './batch.js'
import { batchRelease } from './batch-release.js'
import { bom } from './bom.js'
import { capa } from './capa.js'
import { changeControl } from './change-control.js'
import { designDocument } from './design-document.js'
import { equipmentUsage } from './equipment-usage.js'
import { inspection } from './inspection.js'
import { purchase } from './purchase.js'
import { recipe } from './recipe.js'
import { supplierQualification } from './supplier-qualification.js'
import { training } from './training.js'

export {
  batch,
  batchRelease,
  bom,
  capa,
  changeControl,
  designDocument,
  equipmentUsage,
  inspection,
  purchase,
  recipe,
  supplierQualification,
  training,
}

/** Every record type of the pack, in the order a plant meets them. */
export const meddevRecordTypes: RecordTypeDefinition[] = [
  designDocument,
  supplierQualification,
  purchase,
  bom,
  recipe,
  batch,
  equipmentUsage,
  inspection,
  batchRelease,
  changeControl,
  capa,
  training,
]
