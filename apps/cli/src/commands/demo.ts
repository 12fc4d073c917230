import { openPlatform } from '@veritrail/core'
import { DEMO_USERS, applyDemoOperation, demoOperations, demoTarget, newDemoState, type DemoOperation } from '@veritrail/plugin-meddev-records'
import { CliError } from '../cli-error.js'
import { dataDir } from '../data-dir.js'
import { progressLine } from '../progress.js'
import type { Command } from './command.js'

const CONCURRENCY = 32

/** The generator keys of the records an operation refers to (`ref:<key>` placeholders). */
function refKeys(op: DemoOperation): string[] {
  const out: string[] = []
  const visit = (v: unknown) => {
    if (typeof v === 'string' && v.startsWith('ref:')) out.push(v.slice(4))
    else if (Array.isArray(v)) v.forEach(visit)
    else if (typeof v === 'object' && v !== null) Object.values(v).forEach(visit)
  }
  if (op.op !== 'delete') visit(op.data)
  return out
}

export const demoSeed: Command = {
  name: 'demo seed',
  summary: 'Write realistic demo records (medical-device production) through the core',
  usage: 'demo seed [--entries N] [--seed S] [--data DIR]',
  options: { entries: { type: 'string' }, seed: { type: 'string' }, data: { type: 'string' } },
  async run({ values, out, err }) {
    const entries = Number(values.entries ?? 1000)
    const seed = Number(values.seed ?? 42)
    if (!Number.isInteger(entries) || entries < 1 || entries > 10_000_000) throw new CliError('--entries is a whole number from 1 to 10,000,000.')
    if (!Number.isInteger(seed)) throw new CliError('--seed is a whole number.')
    const dir = dataDir(values.data as string | undefined)
    const platform = await openPlatform({ dataDir: dir, program: 'veritrail demo seed', ...(process.env.VERITRAIL_TZ ? { timeZone: process.env.VERITRAIL_TZ } : { timeZone: 'Asia/Shanghai' }) })
    const { core } = platform
    try {
      // Nothing written can ever be removed: never mix demo data into real records.
      const others = await core.dataEntriesByOthers(DEMO_USERS)
      if (others > 0) {
        throw new CliError(`${dir} already holds ${others} data-trail entries written by real people; demo data would stay there forever. Use an empty --data directory.`)
      }
      const target = await demoTarget(core)
      const state = newDemoState()
      const start = await core.store.read.trailSize('data')
      const goal = start + entries
      const progress = progressLine(err, 'seeded', 'data-trail entries', entries)
      let size = start
      // Independent operations run concurrently so their commits share fsyncs (group commit);
      // an operation waits for the ones in flight on the records it touches or refers to.
      const inFlight = new Map<string, Promise<void>>()
      const running = new Set<Promise<void>>()
      let failure: unknown
      for (const op of demoOperations(seed + start)) {
        if (failure !== undefined || size >= goal) break
        const keys = [op.key, ...refKeys(op)]
        while (running.size >= CONCURRENCY) await Promise.race(running)
        const before = keys.map((k) => inFlight.get(k)).filter((p): p is Promise<void> => p !== undefined)
        const task: Promise<void> = Promise.all(before)
          .then(() => applyDemoOperation(target, op, state, target.ctx))
          .then((seq) => {
            size = Math.max(size, seq)
            progress.update(Math.min(size - start, entries))
          })
          .catch((error: unknown) => {
            failure ??= error
          })
          .finally(() => {
            running.delete(task)
            for (const k of keys) if (inFlight.get(k) === task) inFlight.delete(k)
          })
        running.add(task)
        for (const k of keys) inFlight.set(k, task)
      }
      await Promise.all(running)
      progress.done()
      if (failure !== undefined) throw failure
      await core.ledger.persistCheckpoints()
      out(`Seeded ${size - start} data-trail entries into ${dir} (data trail now ${size} entries).`)
      out('Demo people: demo.operator, demo.reviewer and demo.qa (their passwords are derived from the installation and are not for real use).')
      return 0
    } finally {
      await platform.close()
    }
  },
}
