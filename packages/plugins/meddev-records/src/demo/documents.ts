import { bom } from '../types/bom.js'
import { designDocument } from '../types/design-document.js'
import { recipe } from '../types/recipe.js'
import { material, type DemoProduct, type DemoSetpoints } from './catalogue.js'
import { engineers, qaStaff } from './people.js'
import { nextRevision, pad } from './plant.js'
import { demoRef } from './refs.js'
import type { DemoProcess, DemoWorld } from './world.js'

/** The design-history documents each product has, by number suffix. */
export const designFiles = [
  { suffix: '01', phase: 'planning', title: '设计开发计划' },
  { suffix: '02', phase: 'input', title: '设计输入清单' },
  { suffix: '03', phase: 'output', title: '产品技术要求' },
  { suffix: '04', phase: 'output', title: '风险管理报告（YY/T 0316）' },
  {
    suffix: '05',
    phase: 'validation',
    title: 'Steam sterilisation validation report (ISO 17665-1)',
  },
] as const

/**
 * A document revision from draft to approved, sometimes returned once for rework. When it
 * supersedes an approved revision, that one becomes obsolete.
 */
export function* documentRevision(
  w: DemoWorld,
  product: DemoProduct,
  file: (typeof designFiles)[number],
  changeControlKey?: string,
): DemoProcess {
  const number = `DHF-${product.code}-${file.suffix}`
  const previous = w.plant.documents.get(number)
  const revision = previous ? nextRevision(String(w.get(previous).data.revision)) : 'A'
  const draft = w.create(designDocument, {
    documentNumber: number,
    revision,
    title: `${product.name} ${file.title}`,
    product: product.code,
    designPhase: changeControlKey ? 'change' : file.phase,
    owner: w.random.pick(engineers).name,
    ...(changeControlKey ? { changeControl: demoRef(changeControlKey) } : {}),
    file: w.file('design-document', 'Design document'),
    effectiveDate: w.date(14),
    status: 'draft',
  })
  yield draft
  yield w.update(draft.key, { status: 'in_review' })
  if (w.random.chance(0.25)) {
    yield w.update(draft.key, { status: 'draft' })
    yield w.update(
      draft.key,
      { file: w.file('design-document', 'Design document') },
      { code: 'review_comment', text: `按${w.random.pick(qaStaff).name}的审核意见修改第4章` },
    )
    yield w.update(draft.key, { status: 'in_review' })
  }
  yield w.update(draft.key, { status: 'approved' })
  w.plant.documents.set(number, draft.key)
  if (previous) yield w.update(previous, { status: 'obsolete' })
}

interface BomLine {
  partNumber: string
  description: string
  quantity: string
  unit: string
}

/** A BOM revision of a product, approved; the one it replaces becomes obsolete. */
export function* bomRevision(
  w: DemoWorld,
  product: DemoProduct,
  changeControlKey?: string,
): DemoProcess {
  const previous = w.plant.boms.get(product.code)
  const components = previous
    ? (w.get(previous).data.components as BomLine[]).map((line, i) =>
        // A design change adjusts the usage of the main raw material.
        i === 0 ? { ...line, quantity: (Number(line.quantity) * 1.05).toFixed(3) } : line,
      )
    : product.materials.map((code): BomLine => {
        const m = material(code)
        return { partNumber: m.code, description: m.description, quantity: m.perUnit, unit: m.unit }
      })
  const draft = w.create(bom, {
    product: product.code,
    bomRevision: previous ? nextRevision(String(w.get(previous).data.bomRevision)) : 'A',
    components,
    ...(changeControlKey ? { changeControl: demoRef(changeControlKey) } : {}),
    status: 'draft',
  })
  yield draft
  yield w.update(draft.key, { status: 'approved' })
  w.plant.boms.set(product.code, draft.key)
  if (previous) yield w.update(previous, { status: 'obsolete' })
}

/** A recipe version with the given setpoints, approved; the one it replaces is retired. */
export function* recipeVersion(
  w: DemoWorld,
  product: DemoProduct,
  setpoints: DemoSetpoints,
  changeControlKey?: string,
): DemoProcess {
  const previous = w.plant.recipes.get(product.code)
  const draft = w.create(recipe, {
    product: product.code,
    recipeVersion: `R${pad(w.next(`recipe:${product.code}`), 2)}`,
    ...(changeControlKey ? { changeControl: demoRef(changeControlKey) } : {}),
    ...setpoints,
    status: 'draft',
  })
  yield draft
  yield w.update(draft.key, { status: 'approved' })
  w.plant.recipes.set(product.code, draft.key)
  w.plant.setpoints.set(product.code, setpoints)
  if (previous) yield w.update(previous, { status: 'retired' })
}
