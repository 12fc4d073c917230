import { purchase } from '../types/purchase.js'
import { supplierQualification } from '../types/supplier-qualification.js'
import { material, supplier, type DemoMaterial, type DemoSupplier } from './catalogue.js'
import { inspectors, qaStaff, warehouse } from './people.js'
import { pad } from './plant.js'
import { demoRef } from './refs.js'
import type { DemoProcess, DemoWorld } from './world.js'

const USABLE = ['approved', 'conditional']

/** A supplier qualified before the demo starts (its audit lies in the past). */
export function* qualifiedSupplier(w: DemoWorld, s: DemoSupplier): DemoProcess {
  w.plant.suppliers.add(s.code)
  yield w.create(supplierQualification, {
    supplierCode: s.code,
    supplierName: s.name,
    scope: s.scope,
    supplierClass: s.supplierClass,
    auditType: s.supplierClass === 'C' ? 'questionnaire' : 'onsite',
    auditDate: w.date(-w.random.int(60, 600)),
    certificate: w.file('certificate', 'ISO 13485 certificate'),
    certificateExpiry: w.date(w.random.int(200, 900)),
    qualificationStatus: 'approved',
    requalificationDue: w.date(w.random.int(30, 700)),
  })
}

/** A new supplier: registered as pending, audited, then approved (after a supplier change control). */
export function* onboardSupplier(w: DemoWorld, s: DemoSupplier): DemoProcess {
  w.plant.suppliers.add(s.code)
  const registered = w.create(supplierQualification, {
    supplierCode: s.code,
    supplierName: s.name,
    scope: s.scope,
    supplierClass: s.supplierClass,
    qualificationStatus: 'pending',
  })
  yield registered
  yield w.update(
    registered.key,
    {
      auditType: 'onsite',
      auditDate: w.date(),
      certificate: w.file('certificate', 'ISO 13485 certificate'),
      certificateExpiry: w.date(w.random.int(500, 1000)),
      qualificationStatus: 'approved',
      requalificationDue: w.date(3 * 365),
    },
    { code: 'qualification_decision', text: '现场审核无主要不符合项，批准为合格供应商。' },
  )
}

/** Periodic requalification of a supplier whose date is near. */
export function* requalifySupplier(w: DemoWorld): DemoProcess {
  const soon = w.date(45)
  const due = w.keys(
    supplierQualification,
    (d) => d.qualificationStatus === 'approved' && String(d.requalificationDue) <= soon,
  )
  if (due.length === 0) return
  const key = w.random.pick(due)
  const conditional = w.random.chance(0.1)
  yield w.update(
    key,
    {
      auditType: w.random.pick(['onsite', 'remote', 'questionnaire']),
      auditDate: w.date(),
      qualificationStatus: conditional ? 'conditional' : 'approved',
      requalificationDue: w.date(conditional ? 180 : 2 * 365),
      ...(conditional
        ? { remarks: '审核发现2项一般不符合项，限期6个月整改，期间加严来料检验。' }
        : {}),
    },
    { code: 'requalification' },
  )
}

/** A delivery: received into quarantine, sometimes recounted, then inspected. */
export function* goodsReceipt(w: DemoWorld, materialCode?: string): DemoProcess {
  const m = materialCode ? material(materialCode) : w.random.pick(suppliedMaterials(w))
  const sources = w.keys(
    supplierQualification,
    (d) =>
      USABLE.includes(String(d.qualificationStatus)) &&
      supplier(String(d.supplierCode)).materials.includes(m.code),
  )
  if (sources.length === 0) return
  const supplierKey = w.random.pick(sources)
  const s = supplier(String(w.get(supplierKey).data.supplierCode))
  const year = w.date().slice(0, 4)
  const [min, max, places] = m.lot
  const receipt = w.create(purchase, {
    receiptNumber: `GR-${year}-${pad(w.next('GR'), 5)}`,
    poNumber: `PO${year.slice(2)}${pad(w.next('PO'), 6)}`,
    supplier: demoRef(supplierKey),
    materialCode: m.code,
    materialDescription: m.description,
    supplierLot: `${s.lotPrefix}${w.date().replaceAll('-', '').slice(2)}${pad(w.random.int(1, 40), 2)}`,
    quantity: w.random.decimal(min, max, places),
    quantityUnit: m.unit,
    receiptDate: w.date(),
    ...(m.unit === 'kg' || m.unit === 'm' ? { expiryDate: w.date(w.random.int(540, 900)) } : {}),
    certificateOfAnalysis: w.file('coa', 'Certificate of analysis'),
    inspectionResult: 'pending',
    remarks: `收货人：${w.random.pick(warehouse).name}`,
  })
  yield receipt
  const key = receipt.key
  if (w.random.chance(0.06)) {
    // Recounting finds a few units fewer than the delivery note says.
    const counted = (Number(receipt.data.quantity) - w.random.int(1, 50) / 10 ** places).toFixed(
      places,
    )
    yield w.update(
      key,
      { quantity: counted },
      {
        code: 'recount',
        text: w.random.pick([
          '仓库复核数量后更正',
          'Recounted at put-away; the delivery note was wrong',
        ]),
      },
    )
  }
  const result = w.random.weighted([
    ['accepted', 92],
    ['conditional', 3],
    ['rejected', 5],
  ] as const)
  const remarks = {
    accepted: undefined,
    conditional: `外箱轻微破损，内包装完好，经${w.random.pick(qaStaff).name}批准让步接收。`,
    rejected: w.random.pick([
      '外观检验发现包装破损，整批退货。',
      'CoA missing the bioburden result; lot rejected and returned.',
      '抽样检验尺寸超差，整批拒收。',
    ]),
  }[result]
  yield w.update(
    key,
    {
      inspectionResult: result,
      inspectedBy: w.random.pick(inspectors).name,
      ...(remarks ? { remarks } : {}),
    },
    { code: 'inspection_completed' },
  )
}

/** Materials some registered supplier delivers. */
function suppliedMaterials(w: DemoWorld): DemoMaterial[] {
  return [...new Set([...w.plant.suppliers].flatMap((code) => supplier(code).materials))].map(
    material,
  )
}
