import { changeControl } from '../types/change-control.js'
import { products, suppliers, type DemoProduct } from './catalogue.js'
import { bomRevision, designFiles, documentRevision, recipeVersion } from './documents.js'
import type { DemoOperation } from './operation.js'
import { qaStaff, sops } from './people.js'
import { nextRevision, pad } from './plant.js'
import { demoRef } from './refs.js'
import { onboardSupplier } from './supply.js'
import { sopTraining } from './training.js'
import type { DemoProcess, DemoWorld } from './world.js'

/** What a change control changes, and how it is carried out once approved. */
interface ChangePlan {
  changeType: string
  title: string
  description: string
  affected: { affectedDocuments?: string[]; affectedRecipes?: string[]; affectedBoms?: string[] }
  changeClass: 'minor' | 'moderate' | 'major'
  /** The item under change; no second change control touches it meanwhile. */
  target?: string
  implement: (changeKey: string) => Generator<DemoOperation, void>
}

function planChange(w: DemoWorld): ChangePlan {
  const plan = proposeChange(w)
  return plan.target !== undefined && w.plant.busy.has(plan.target) ? documentChange(w) : plan
}

function proposeChange(w: DemoWorld): ChangePlan {
  const product = w.random.pick(products)
  const newSupplier = suppliers.find((s) => !w.plant.suppliers.has(s.code))
  const kind = w.random.weighted([
    ['process', 2],
    ['design', 2],
    ['bom', 1],
    ['document', 5],
    ['supplier', newSupplier ? 1 : 0],
  ] as const)
  if (kind === 'supplier' && newSupplier) {
    return {
      target: `supplier:${newSupplier.code}`,
      changeType: 'supplier',
      title: `新增供应商：${newSupplier.name}`,
      description: `为保证供应连续性，新增第二供应商 ${newSupplier.name}（${newSupplier.scope}）。`,
      affected: {},
      changeClass: 'moderate',
      implement: () => onboardSupplier(w, newSupplier),
    }
  }
  if (kind === 'process') return processChange(w, product)
  if (kind === 'design') {
    const file = w.random.pick(designFiles)
    const current = w.plant.documents.get(`DHF-${product.code}-${file.suffix}`)
    return {
      target: `document:DHF-${product.code}-${file.suffix}`,
      changeType: 'design',
      title: `${product.name} ${file.title} 更新`,
      description: '根据上市后监督数据更新风险分析及相关设计输出。',
      affected: current ? { affectedDocuments: [demoRef(current)] } : {},
      changeClass: 'minor',
      implement: (cc) => documentRevision(w, product, file, cc),
    }
  }
  if (kind === 'bom') {
    const current = w.plant.boms.get(product.code)
    return {
      target: `bom:${product.code}`,
      changeType: 'design',
      title: `${product.code} BOM用量调整`,
      description: 'Material usage updated after the yield study; scrap allowance raised by 5 %.',
      affected: current ? { affectedBoms: [demoRef(current)] } : {},
      changeClass: 'minor',
      implement: (cc) => bomRevision(w, product, cc),
    }
  }
  return documentChange(w)
}

function documentChange(w: DemoWorld): ChangePlan {
  const sop = w.random.pick(sops)
  return {
    changeType: 'document',
    title: `${sop.number} ${sop.course} 修订`,
    description: `根据内审发现修订 ${sop.number}，完善记录要求。`,
    affected: {},
    changeClass: 'minor',
    implement: function* () {
      w.plant.sopRevisions.set(sop.number, nextRevision(w.plant.sopRevisions.get(sop.number)!))
      w.spawn(sopTraining(w, sop))
    },
  }
}

function processChange(w: DemoWorld, product: DemoProduct): ChangePlan {
  const current = w.plant.setpoints.get(product.code)!
  const recipeKey = w.plant.recipes.get(product.code)
  // Each tweak moves a setpoint within its validated range (see the recipe type).
  const seal = Number(current.sealTemperature)
  const drying = Number(current.dryingTime)
  const dwell = Number(current.sealDwellTime)
  const tweak = w.random.pick([
    {
      field: 'sealTemperature',
      text: '封口温度',
      value: String(seal >= 200 ? seal - 15 : seal + 5),
    },
    {
      field: 'dryingTime',
      text: '干燥时间',
      value: String(drying >= 50 ? drying - 15 : drying + 5),
    },
    {
      field: 'sealDwellTime',
      text: '封口保压时间',
      value: (dwell >= 4 ? dwell - 1.5 : dwell + 0.2).toFixed(1),
    },
  ] as const)
  return {
    target: `recipe:${product.code}`,
    changeType: 'process',
    title: `${product.code} ${tweak.text}调整`,
    description: `工艺再确认后将${tweak.text}调整为 ${tweak.value}，以提高过程能力。`,
    affected: recipeKey ? { affectedRecipes: [demoRef(recipeKey)] } : {},
    changeClass: 'moderate',
    implement: (cc) => recipeVersion(w, product, { ...current, [tweak.field]: tweak.value }, cc),
  }
}

/** A change control from draft to closed, implementing the change in between. */
export function* changeProcess(w: DemoWorld): DemoProcess {
  const plan = planChange(w)
  if (plan.target !== undefined) w.plant.busy.add(plan.target)
  const draft = w.create(changeControl, {
    changeNumber: `CC-${w.date().slice(0, 4)}-${pad(w.next('CC'), 3)}`,
    title: plan.title,
    changeType: plan.changeType,
    description: plan.description,
    affectedDocuments: [],
    affectedRecipes: [],
    affectedBoms: [],
    ...plan.affected,
    status: 'draft',
  })
  const key = draft.key
  yield draft
  yield w.update(key, { status: 'assessment' })
  yield w.update(
    key,
    {
      impactAssessment: '已评估对产品注册、验证状态、库存物料及在制品的影响；无需重新注册。',
      changeClass: plan.changeClass,
      regulatoryNotification: false,
    },
    { code: 'assessment_update' },
  )
  yield w.update(
    key,
    { approvedBy: w.random.pick(qaStaff).name, approvalDate: w.date() },
    { code: 'approval_recorded' },
  )
  yield w.update(key, { status: 'approved' })
  yield* plan.implement(key)
  if (plan.target !== undefined) w.plant.busy.delete(plan.target)
  yield w.update(
    key,
    { status: 'implemented', implementationDate: w.date() },
    { code: 'implementation_recorded' },
  )
  yield w.update(key, { status: 'closed' })
}
