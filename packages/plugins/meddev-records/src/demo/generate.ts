import { auditCapa } from './capa.js'
import { changeProcess } from './change.js'
import { correction } from './corrections.js'
import type { DemoOperation } from './operation.js'
import { productionBatch } from './production.js'
import { setUpPlant } from './setup.js'
import { goodsReceipt, requalifySupplier } from './supply.js'
import { routineTraining } from './training.js'
import { DemoWorld, type DemoProcess } from './world.js'

/** How many plant processes run side by side, so their writes interleave as they do on site. */
const CONCURRENT = 8

const starters: [(w: DemoWorld) => DemoProcess, number][] = [
  [productionBatch, 30],
  [goodsReceipt, 22],
  [routineTraining, 14],
  [correction, 18],
  [changeProcess, 1.5],
  [requalifySupplier, 4],
  [auditCapa, 0.2],
]

/**
 * Realistic, endless demo data for `veritrail demo seed`, the same for the same seed: a
 * steam-sterilised medical-device plant with suppliers, deliveries, recipes, batches, equipment
 * logs, inspections, releases, change controls, CAPAs and training, including the corrections,
 * re-tests, aborts and deletions reviewers should see. References are `ref:<key>` placeholders
 * (see {@link resolveDemoRefs}); a delete needs an actor whose role the type allows to delete.
 *
 * @example
 * for (const op of demoOperations(42)) { ... if (++n === 100_000) break }
 */
export function* demoOperations(seed: number): Generator<DemoOperation> {
  const w = new DemoWorld(seed)
  yield* paced(w, setUpPlant(w))
  const running: DemoProcess[] = []
  for (;;) {
    running.push(...w.takeSpawned())
    while (running.length < CONCURRENT) running.push(w.random.weighted(starters)(w))
    const index = w.random.int(0, running.length - 1)
    w.advance(w.random.int(2, 30))
    const step = running[index]!.next()
    if (step.done) running.splice(index, 1)
    else yield step.value
  }
}

/** Runs one process alone, the clock moving before each write. */
function* paced(w: DemoWorld, process: DemoProcess): DemoProcess {
  for (;;) {
    w.advance(w.random.int(2, 30))
    const step = process.next()
    if (step.done) return
    yield step.value
  }
}
