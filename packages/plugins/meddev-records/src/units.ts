import { label } from './label.js'

/** Units a stocked material is counted in, for quantities whose unit depends on the material. */
export const materialUnits = {
  pcs: label('Pieces (pcs)', '件（pcs）'),
  kg: label('Kilogram (kg)', '千克（kg）'),
  g: label('Gram (g)', '克（g）'),
  m: label('Metre (m)', '米（m）'),
  m2: label('Square metre (m²)', '平方米（m²）'),
  L: label('Litre (L)', '升（L）'),
  roll: label('Roll', '卷'),
}

/** A key of {@link materialUnits}. */
export type MaterialUnit = keyof typeof materialUnits
