// npm run bench -- rules [--entries N] [--data DIR]   (--data keeps the seeded plant for the next run)
// The GMP rule pack over a realistic data trail: meddev-records' demo plant written through the
// core (records, lifecycle guard, signatures and reviews), then the pack evaluated in-process
// against a bare JSON.parse loop over the same stored bytes, and a whole review scope evaluated
// straight from the database (issue 5: < 3 s for 100,000 entries).
import { mkdtempSync, rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import {
  FIRST_PARTY_PLUGINS,
  createRuleContext,
  evaluateScope,
  openPluginHost,
  packRules,
  runRules,
  type Entry,
  type PackedRule,
} from '@veritrail/core'
import { gmpRules } from '@veritrail/plugin-gmp-rules'
import { openPlant } from './plant.ts'
import { figure, fmt, heading, since } from './report.ts'

const { values } = parseArgs({ args: process.argv.slice(3), options: { entries: { type: 'string' }, data: { type: 'string' } } })
const N = Number(values.entries ?? 100_000)
const keep = values.data !== undefined
const dir = values.data ?? mkdtempSync(join(tmpdir(), 'veritrail-bench-rules-'))
const PASSES = 3
const PACK: PackedRule[] = packRules('@veritrail/plugin-gmp-rules', 'bench', gmpRules)

console.log(`Rules bench: ${gmpRules.length} GMP rules over ${N.toLocaleString('en')} data-trail entries of the meddev demo plant, data dir ${dir}`)
console.log(`  (${cpus().length} CPUs, load average ${loadavg()[0]!.toFixed(2)}: figures are wall-clock and shift with other work on the machine)`)

heading('Seeding through the core (records, lifecycle guard, signatures, reviews; 256 operations in flight)')
const core = await openPlant(dir, N)
let start = performance.now()

const rows = await core.store.connections.reader.execute({ sql: "SELECT bytes FROM entries WHERE trail = 'data' AND seq <= ? ORDER BY seq", args: [N] })
const bytes = rows.rows.map((r) => String(r[0]))
const count = bytes.length

heading(`In-process evaluation of the whole pack (${count.toLocaleString('en')} entries, batches of 1,000)`)
start = performance.now()
let parsed: Entry[] = []
for (let round = 0; round < 3; round++) parsed = bytes.map((b) => JSON.parse(b) as Entry)
const parseRate = (3 * count) / since(start)
figure('baseline: bare JSON.parse loop over the same stored bytes', parseRate, 'entries/s')
// one warm-up pass (JIT, record-type cache), then three measured passes on fresh objects: on a
// shared 2-core machine one pass swings by ±30%, so the median is reported with the spread
await runRules(PACK, parsed, createRuleContext(core.store.read, { trail: 'data' }))
let inProcess!: Awaited<ReturnType<typeof runRules>>
const rates: number[] = []
for (let pass = 0; pass < PASSES; pass++) {
  parsed = bytes.map((b) => JSON.parse(b) as Entry)
  start = performance.now()
  inProcess = await runRules(PACK, parsed, createRuleContext(core.store.read, { trail: 'data' }))
  rates.push(count / since(start))
}
const rate = median(rates)
figure(`GMP pack, in-process (entries already parsed; median of ${PASSES})`, rate, 'entries/s', { min: 50_000 })
spread(rates)
figure('GMP pack vs bare parse (× slower)', parseRate / rate, '×')
if (inProcess.errors.length > 0) throw new Error(`rule errors: ${JSON.stringify(inProcess.errors)}`)

heading('A review scope straight from the database (pages of 2,000 read ahead by a worker, parse, prefetch, rules)')
let scoped!: Awaited<ReturnType<typeof evaluateScope>>
const scopeTimes: number[] = []
for (let pass = 0; pass < PASSES; pass++) {
  start = performance.now()
  // With the database URL, as ReviewService passes it: a worker reads the pages ahead.
  scoped = await evaluateScope(core.store.read, { trail: 'data', fromSeq: 1, toSeq: count, rules: PACK, database: core.store.url })
  scopeTimes.push(since(start))
}
figure(`evaluateScope over ${count.toLocaleString('en')} entries (median of ${PASSES})`, median(scopeTimes), 's', { max: 3 })
spread(scopeTimes, 's')

const isolated = await isolatedRates()
figure(`GMP pack, isolated (code rules in a worker sandbox; median of ${PASSES})`, median(isolated), 'entries/s', { min: 50_000 })
spread(isolated)

heading('What the pack found (for a sanity check of the data, not a target)')
const bySeverity = { info: 0, warning: 0, critical: 0 }
const byRule = new Map<string, number>()
for (const f of scoped.findings) {
  bySeverity[f.severity]++
  byRule.set(f.rule.id, (byRule.get(f.rule.id) ?? 0) + 1)
}
console.log(`  ${scoped.findings.length.toLocaleString('en')} findings: ${bySeverity.critical} critical, ${bySeverity.warning} warning, ${bySeverity.info} info`)
for (const [id, n] of [...byRule].sort((a, b) => b[1] - a[1])) console.log(`    ${id.padEnd(36)} ${String(n).padStart(7)}`)
const slowest = Object.entries(inProcess.timings).sort((a, b) => b[1] - a[1]).slice(0, 5)
console.log(`  slowest rules in-process: ${slowest.map(([id, ms]) => `${id} ${ms.toFixed(0)} ms`).join(', ')}`)

await core.close()
if (!keep) rmSync(dir, { recursive: true, force: true })

/**
 * The same pack with its code rules in the plugin host's worker sandbox (what
 * `firstPartyRules: 'worker'` gives): entries go to the worker per batch, and every context query
 * a rule makes comes back to this thread as a message.
 */
async function isolatedRates(): Promise<number[]> {
  const host = await openPluginHost({ core, firstPartyDir: FIRST_PARTY_PLUGINS, firstPartyRules: 'worker' })
  try {
    const rules = (await host.exceptionRules()).filter((r) => r.pack === '@veritrail/plugin-gmp-rules')
    await runRules(rules, bytes.slice(0, 1000).map((b) => JSON.parse(b) as Entry), createRuleContext(core.store.read, { trail: 'data' }))
    const rates: number[] = []
    for (let pass = 0; pass < PASSES; pass++) {
      const fresh = bytes.map((b) => JSON.parse(b) as Entry)
      const begin = performance.now()
      const result = await runRules(rules, fresh, createRuleContext(core.store.read, { trail: 'data' }))
      if (result.errors.length > 0) throw new Error(`rule errors: ${JSON.stringify(result.errors.slice(0, 3))}`)
      rates.push(fresh.length / since(begin))
    }
    return rates
  } finally {
    await host.dispose()
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

function spread(values: number[], unit = 'entries/s'): void {
  console.log(`    passes: ${values.map((v) => fmt(v)).join(', ')} ${unit}`)
}
