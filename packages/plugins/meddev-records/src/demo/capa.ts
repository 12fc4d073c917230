import { capa } from '../types/capa.js'
import { engineers, qaStaff } from './people.js'
import { pad } from './plant.js'
import { demoRef } from './refs.js'
import {
  auditFindings,
  correctiveActions,
  effectivenessChecks,
  preventiveActions,
  rootCauses,
} from './texts.js'
import type { DemoProcess, DemoWorld } from './world.js'

/** Where a CAPA comes from. */
export interface CapaTrigger {
  source: 'deviation' | 'nonconformance' | 'complaint' | 'audit' | 'trend'
  sourceReference: string
  batches: string[]
}

const titles: Record<CapaTrigger['source'], string> = {
  deviation: '生产偏差导致批次中止',
  nonconformance: '成品检验不合格',
  complaint: '客户投诉：无菌包装破损',
  audit: '审核发现项整改',
  trend: '封口强度趋势下降',
}

/** A CAPA from opening to closure, with the occasional extension and a first ineffective round. */
export function* openCapa(w: DemoWorld, trigger: CapaTrigger): DemoProcess {
  const opened = w.create(capa, {
    capaNumber: `CAPA-${w.date().slice(0, 4)}-${pad(w.next('CAPA'), 3)}`,
    title: titles[trigger.source],
    source: trigger.source,
    sourceReference: trigger.sourceReference,
    relatedBatches: trigger.batches.map(demoRef),
    problemDescription:
      trigger.source === 'audit'
        ? w.random.pick(auditFindings)
        : `${titles[trigger.source]}，来源编号 ${trigger.sourceReference}。`,
    owner: w.random.pick(engineers).name,
    dueDate: w.date(60),
    status: 'open',
  })
  const key = opened.key
  yield opened
  yield w.update(key, { status: 'investigation' })
  yield w.update(key, { rootCause: w.random.pick(rootCauses) }, { code: 'investigation_update' })
  yield w.update(
    key,
    {
      status: 'action',
      correctiveAction: w.random.pick(correctiveActions),
      preventiveAction: w.random.pick(preventiveActions),
    },
    { code: 'action_plan' },
  )
  if (w.random.chance(0.15)) {
    const due = new Date(`${String(w.get(key).data.dueDate)}T00:00:00Z`)
    due.setUTCDate(due.getUTCDate() + 30)
    yield w.update(
      key,
      { dueDate: due.toISOString().slice(0, 10) },
      {
        code: 'due_date_extension',
        text: `备件交期延迟，经${w.random.pick(qaStaff).name}批准延期30天。`,
      },
    )
  }
  yield w.update(key, { status: 'effectiveness_check' })
  if (w.random.chance(0.1)) {
    yield w.update(
      key,
      { effectivenessCheck: '跟踪期内再次发生同类问题，措施无效。', effective: false },
      { code: 'effectiveness_verified' },
    )
    yield w.update(
      key,
      {
        status: 'action',
        preventiveAction: w.random.pick(preventiveActions) + ' 另增加每日点检。',
      },
      { code: 'action_plan' },
    )
    yield w.update(key, { status: 'effectiveness_check' })
  }
  yield w.update(
    key,
    { effectivenessCheck: w.random.pick(effectivenessChecks), effective: true },
    { code: 'effectiveness_verified' },
  )
  yield w.update(key, { status: 'closed' })
}

/** A CAPA from an internal or external audit. */
export function* auditCapa(w: DemoWorld): DemoProcess {
  yield* openCapa(w, {
    source: 'audit',
    sourceReference: `AUD-${w.date().slice(0, 4)}-${pad(w.next('AUD'), 2)}`,
    batches: [],
  })
}
