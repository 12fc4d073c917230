import type { MaterialUnit } from '../units.js'

/** A purchased material and how it is usually delivered. */
export interface DemoMaterial {
  code: string
  description: string
  unit: MaterialUnit
  /** Typical delivered quantity and the decimals it is counted or weighed to. */
  lot: [min: number, max: number, places: number]
  /** Quantity per finished unit, as written on the BOM. */
  perUnit: string
}

export interface DemoSupplier {
  code: string
  name: string
  scope: string
  supplierClass: 'A' | 'B' | 'C'
  materials: string[]
  /** The supplier's own lot-number style. */
  lotPrefix: string
  /** Whether it is qualified when the demo starts (the others are onboarded via change control). */
  initial: boolean
}

/** Recipe setpoints as decimal strings, written with the digits the process sheet uses. */
export interface DemoSetpoints {
  sterilisationTemperature: string
  sterilisationTime: string
  chamberPressure: string
  dryingTime: string
  sealTemperature: string
  sealDwellTime: string
  sealStrengthMin: string
  bioburdenLimit: string
  paperGrammage: string
}

export interface DemoProduct {
  code: string
  name: string
  /** The GTIN-14 without its check digit (indicator 0, company prefix 697012345, item). */
  gtinBody: string
  serialised: boolean
  materials: string[]
  equipment: string[]
  setpoints: DemoSetpoints
  batchSize: [min: number, max: number]
  /** Nominal size checked dimensionally, with tolerance (mm). */
  dimension: { nominal: number; tolerance: number }
}

export const materials: DemoMaterial[] = [
  {
    code: 'RM-GZ-4012',
    description: '医用脱脂纱布 40支 12×8',
    unit: 'm',
    lot: [2000, 6000, 0],
    perUnit: '0.08',
  },
  {
    code: 'RM-NW-SMS45',
    description: 'SMS无纺布 45 g/m²',
    unit: 'm2',
    lot: [3000, 8000, 0],
    perUnit: '1.20',
  },
  {
    code: 'RM-LSR-50',
    description: '液体硅橡胶 50 Shore A（A/B组分）',
    unit: 'kg',
    lot: [200, 600, 1],
    perUnit: '0.012',
  },
  {
    code: 'PK-PCH-1015',
    description: '纸塑灭菌袋 100×150 mm',
    unit: 'pcs',
    lot: [20000, 50000, 0],
    perUnit: '1',
  },
  {
    code: 'PK-PCH-1530',
    description: '纸塑灭菌袋 150×300 mm',
    unit: 'pcs',
    lot: [5000, 15000, 0],
    perUnit: '1',
  },
  {
    code: 'PK-PCH-3045',
    description: 'Paper/film pouch 300×450 mm',
    unit: 'pcs',
    lot: [2000, 5000, 0],
    perUnit: '1',
  },
  {
    code: 'PK-CTN-01',
    description: '瓦楞纸箱 400×300×250 mm',
    unit: 'pcs',
    lot: [500, 2000, 0],
    perUnit: '0.01',
  },
  {
    code: 'PK-CTN-02',
    description: '瓦楞纸箱 600×400×400 mm',
    unit: 'pcs',
    lot: [300, 1000, 0],
    perUnit: '0.05',
  },
]

export const suppliers: DemoSupplier[] = [
  {
    code: 'SUP-001',
    name: '苏州洁康医用材料有限公司',
    scope: '医用脱脂纱布（符合YY 0331）',
    supplierClass: 'A',
    materials: ['RM-GZ-4012'],
    lotPrefix: 'JK',
    initial: true,
  },
  {
    code: 'SUP-002',
    name: 'Nordic Sterile Packaging AB',
    scope: 'Paper/film sterile barrier pouches to EN 868-5 and ISO 11607-1',
    supplierClass: 'A',
    materials: ['PK-PCH-1015', 'PK-PCH-1530', 'PK-PCH-3045'],
    lotPrefix: 'NSP',
    initial: true,
  },
  {
    code: 'SUP-003',
    name: '浙江华硅新材料有限公司',
    scope: '医用级液体硅橡胶（LSR），已通过GB/T 16886生物相容性评价',
    supplierClass: 'A',
    materials: ['RM-LSR-50'],
    lotPrefix: 'HG',
    initial: true,
  },
  {
    code: 'SUP-004',
    name: '江苏康达无纺布有限公司',
    scope: 'SMS医用无纺布',
    supplierClass: 'A',
    materials: ['RM-NW-SMS45'],
    lotPrefix: 'KD',
    initial: true,
  },
  {
    code: 'SUP-005',
    name: '上海安泰纸制品有限公司',
    scope: '瓦楞纸箱（运输外包装）',
    supplierClass: 'C',
    materials: ['PK-CTN-01', 'PK-CTN-02'],
    lotPrefix: 'AT',
    initial: true,
  },
  {
    code: 'SUP-006',
    name: 'Meditec Polymers GmbH',
    scope: 'Medical-grade liquid silicone rubber (second source)',
    supplierClass: 'A',
    materials: ['RM-LSR-50'],
    lotPrefix: 'MP',
    initial: false,
  },
  {
    code: 'SUP-007',
    name: '广州恒通包装材料有限公司',
    scope: '纸塑灭菌袋（第二供应商）',
    supplierClass: 'A',
    materials: ['PK-PCH-1015', 'PK-PCH-1530'],
    lotPrefix: 'HT',
    initial: false,
  },
]

export const products: DemoProduct[] = [
  {
    code: 'GZD-0808',
    name: '无菌纱布敷料 8 cm × 8 cm',
    gtinBody: '0697012345001',
    serialised: false,
    materials: ['RM-GZ-4012', 'PK-PCH-1015', 'PK-CTN-01'],
    equipment: ['CUT-01', 'SL-03', 'AC-01'],
    setpoints: {
      sterilisationTemperature: '121.0',
      sterilisationTime: '30',
      chamberPressure: '205',
      dryingTime: '20',
      sealTemperature: '180',
      sealDwellTime: '1.5',
      sealStrengthMin: '1.5',
      bioburdenLimit: '100',
      paperGrammage: '60',
    },
    batchSize: [8000, 12000],
    dimension: { nominal: 80, tolerance: 2 },
  },
  {
    code: 'SPK-201',
    name: '一次性使用手术包',
    gtinBody: '0697012345002',
    serialised: false,
    materials: ['RM-NW-SMS45', 'RM-GZ-4012', 'PK-PCH-3045', 'PK-CTN-02'],
    equipment: ['ASM-01', 'SL-04', 'AC-02'],
    setpoints: {
      sterilisationTemperature: '134.0',
      sterilisationTime: '8',
      chamberPressure: '304',
      dryingTime: '15',
      sealTemperature: '190',
      sealDwellTime: '2.0',
      sealStrengthMin: '1.8',
      bioburdenLimit: '300',
      paperGrammage: '70',
    },
    batchSize: [800, 1500],
    dimension: { nominal: 1500, tolerance: 20 },
  },
  {
    code: 'SFC-16',
    name: '一次性使用硅胶导尿管 16Fr',
    gtinBody: '0697012345003',
    serialised: true,
    materials: ['RM-LSR-50', 'PK-PCH-1530', 'PK-CTN-01'],
    equipment: ['IM-05', 'SL-03', 'AC-01'],
    setpoints: {
      sterilisationTemperature: '121.0',
      sterilisationTime: '20',
      chamberPressure: '205',
      dryingTime: '25',
      sealTemperature: '170',
      sealDwellTime: '1.2',
      sealStrengthMin: '1.5',
      bioburdenLimit: '50',
      paperGrammage: '60',
    },
    batchSize: [2000, 4000],
    dimension: { nominal: 400, tolerance: 5 },
  },
]

export function material(code: string): DemoMaterial {
  return materials.find((m) => m.code === code)!
}

export function supplier(code: string): DemoSupplier {
  return suppliers.find((s) => s.code === code)!
}
