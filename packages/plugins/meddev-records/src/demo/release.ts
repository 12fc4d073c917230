import { batchRelease } from '../types/batch-release.js'
import { openCapa } from './capa.js'
import type { InspectionOutcome } from './inspection.js'
import type { DemoOperation } from './operation.js'
import { qaStaff } from './people.js'
import { demoRef } from './refs.js'
import { releaseComments, reviewFindings } from './texts.js'
import type { DemoProcess, DemoWorld } from './world.js'

function* openRelease(
  w: DemoWorld,
  batchKey: string,
  reports: string[],
): Generator<DemoOperation, string> {
  const record = w.create(batchRelease, {
    batch: demoRef(batchKey),
    batchNumber: String(w.get(batchKey).data.batchNumber),
    inspections: reports.map(demoRef),
    batchRecordReviewed: false,
    deviationsClosed: false,
    status: 'pending',
  })
  yield record
  yield w.update(record.key, { status: 'under_review' })
  return record.key
}

/** QA review and disposition of a completed batch; a failed test means rejection and a CAPA. */
export function* releaseBatch(
  w: DemoWorld,
  batchKey: string,
  inspected: InspectionOutcome,
): DemoProcess {
  const key = yield* openRelease(w, batchKey, inspected.reports)
  const reviewer = w.random.pick(qaStaff).name
  if (inspected.failed) {
    yield w.update(
      key,
      {
        batchRecordReviewed: true,
        decision: 'reject',
        qaComments: `检验结果不合格，批次不予放行，按不合格品控制程序处理。（${reviewer}）`,
      },
      { code: 'review_completed' },
    )
    yield w.update(key, { status: 'rejected' })
    const batchNumber = String(w.get(batchKey).data.batchNumber)
    w.spawn(
      openCapa(w, {
        source: 'nonconformance',
        sourceReference: `NCR-${batchNumber}`,
        batches: [batchKey],
      }),
    )
    return
  }
  if (w.random.chance(0.06)) {
    yield w.update(key, { qaComments: w.random.pick(reviewFindings) }, { code: 'review_finding' })
  }
  yield w.update(
    key,
    {
      batchRecordReviewed: true,
      deviationsClosed: true,
      decision: 'release',
      qaComments: `${w.random.pick(releaseComments)}（${reviewer}）`,
    },
    { code: 'review_completed' },
  )
  yield w.update(key, { status: 'released' })
}

/** An aborted batch is rejected without tests. */
export function* rejectAbortedBatch(w: DemoWorld, batchKey: string): DemoProcess {
  const key = yield* openRelease(w, batchKey, [])
  yield w.update(
    key,
    {
      batchRecordReviewed: true,
      decision: 'reject',
      qaComments: '批次生产中止，产品按不合格品报废处理。',
    },
    { code: 'review_completed' },
  )
  yield w.update(key, { status: 'rejected' })
}
