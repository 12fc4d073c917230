// The public entry of @veritrail/plugin-meddev-records: the record types of a medical-device
// plant, the plugin's activate(), and demo data for `veritrail demo seed`.

export {
  batch,
  batchRelease,
  bom,
  capa,
  changeControl,
  designDocument,
  equipmentUsage,
  inspection,
  meddevRecordTypes,
  purchase,
  recipe,
  supplierQualification,
  training,
} from './types/index.js'
export { bomComponents } from './types/bom.js'
export { activate, type Disposable, type MeddevActivationContext } from './activate.js'
export {
  demoOperations,
  demoRef,
  resolveDemoRefs,
  mulberry32,
  applyDemoOperation,
  newDemoState,
  demoTarget,
  DEMO_USERS,
  type DemoState,
  type DemoTarget,
  type DemoAttachment,
  type DemoPrerequisites,
  type DemoOperation,
  type DemoReason,
} from './demo/index.js'
export { compareDecimal } from './decimal-compare.js'
export { gs1CheckDigit, isGtin14 } from './gtin.js'
export { meddevRules, belowRecipeSetpoint } from './rules/index.js'
