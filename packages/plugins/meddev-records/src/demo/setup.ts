import { materials, products, suppliers } from './catalogue.js'
import { bomRevision, designFiles, documentRevision, recipeVersion } from './documents.js'
import { sops } from './people.js'
import { goodsReceipt, qualifiedSupplier } from './supply.js'
import { sopTraining } from './training.js'
import type { DemoProcess, DemoWorld } from './world.js'

/**
 * The site as it stands when the demo starts: qualified suppliers, approved design documents,
 * BOMs and recipes, a first delivery of every material, and trained people.
 */
export function* setUpPlant(w: DemoWorld): DemoProcess {
  for (const s of suppliers.filter((s) => s.initial)) yield* qualifiedSupplier(w, s)
  for (const product of products) {
    for (const file of designFiles) yield* documentRevision(w, product, file)
    yield* bomRevision(w, product)
    yield* recipeVersion(w, product, product.setpoints)
  }
  for (const m of materials) yield* goodsReceipt(w, m.code)
  for (const sop of sops) yield* sopTraining(w, sop)
}
