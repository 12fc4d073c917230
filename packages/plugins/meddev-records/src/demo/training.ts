import { training } from '../types/training.js'
import {
  inspectors,
  operators,
  qaStaff,
  sops,
  trainers,
  type DemoPerson,
  type DemoSop,
} from './people.js'
import type { DemoProcess, DemoWorld } from './world.js'

function audience(sop: DemoSop): DemoPerson[] {
  if (sop.audience === 'operators') return operators
  if (sop.audience === 'inspectors') return inspectors
  return [...operators, ...inspectors, ...qaStaff]
}

/** One training on the revision in force; a failed test is retaken later. */
export function* trainPerson(w: DemoWorld, sop: DemoSop, person: DemoPerson): DemoProcess {
  const passed = w.random.chance(0.96)
  const record = w.create(training, {
    trainee: person.user,
    traineeName: person.name,
    course: sop.course,
    sopNumber: sop.number,
    sopRevision: w.plant.sopRevisions.get(sop.number)!,
    method: sop.audience === 'all' ? 'e_learning' : w.random.pick(['classroom', 'on_the_job']),
    completionDate: w.date(),
    trainer: w.random.pick(trainers).name,
    result: passed ? 'passed' : 'failed',
    score: passed ? w.random.int(80, 100) : w.random.int(55, 79),
    ...(w.random.chance(0.5) ? { assessment: w.file('assessment', 'Training assessment') } : {}),
  })
  yield record
  if (!passed) w.spawn(trainPerson(w, sop, person))
}

/** Everyone concerned is trained on a new SOP revision, one after another. */
export function* sopTraining(w: DemoWorld, sop: DemoSop): DemoProcess {
  for (const person of audience(sop)) yield* trainPerson(w, sop, person)
}

/** Routine (re)training of one person. */
export function* routineTraining(w: DemoWorld): DemoProcess {
  const sop = w.random.pick(sops)
  yield* trainPerson(w, sop, w.random.pick(audience(sop)))
}
