// npm run bench -- review [--entries N] [--data DIR]   (--data keeps the seeded plant for the next run)
// Issue 5: the time to open a review over 100,000 data-trail entries with the full GMP rule pack,
// through the real path — the plugin host activates the first-party packs (code rules in a worker
// thread), ReviewService.open freezes the range, checks segregation of duties, pages the entries
// from the database, runs every rule and stores the findings. Baseline, measured in the same run:
// reading and parsing the same entries from the database and nothing else.
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { openPlatform, type ActionContext, type Principal } from '@veritrail/core'
import { openPlant } from './plant.ts'
import { figure, heading, since } from './report.ts'

const { values } = parseArgs({ args: process.argv.slice(3), options: { entries: { type: 'string' }, data: { type: 'string' } } })
const N = Number(values.entries ?? 100_000)
const dir = values.data ?? mkdtempSync(join(tmpdir(), 'veritrail-bench-review-'))

console.log(`Review bench: open a review over ${N.toLocaleString('en')} data-trail entries of the meddev demo plant, data dir ${dir}`)
console.log(`  (${cpus().length} CPUs, load average ${loadavg()[0]!.toFixed(2)}: figures are wall-clock and shift with other work on the machine)`)
heading('Seeding through the core (skipped when --data already holds the plant)')
await (await openPlant(dir, N)).close()

const platform = await openPlatform({ dataDir: dir, timeZone: 'Asia/Shanghai', program: 'bench' })
const { core } = platform
const reviewer: Principal = {
  account: { id: 'u-bench-reviewer', username: 'bench.reviewer', displayName: '审核员 Bench Reviewer', kind: 'person', roles: ['qa'], status: 'active', mustChangePassword: false, passwordSetTs: null, mfa: false, signatureAccepted: true, version: 1, createdTs: '', updatedTs: '' },
  via: 'session',
  mfaEnrolmentRequired: false,
}
const ctx = (): ActionContext => ({ actor: { id: reviewer.account.id, username: reviewer.account.username, displayName: reviewer.account.displayName, role: 'qa', type: 'person' }, client: { ip: '127.0.0.1', userAgent: 'bench' }, correlationId: randomUUID() })
const to = Math.min(N, await core.store.read.trailSize('data'))

heading(`Baseline: read and parse data entries 1–${to.toLocaleString('en')} from the database`)
let start = performance.now()
let parsed = 0
for (let after = 0; after < to; after += 2000) {
  const rs = await core.store.connections.reader.execute({ sql: "SELECT bytes FROM entries WHERE trail = 'data' AND seq > ? AND seq <= ? ORDER BY seq", args: [after, Math.min(to, after + 2000)] })
  for (const row of rs.rows) parsed += JSON.parse(String(row[0])) ? 1 : 0
}
const floor = since(start)
figure(`read + JSON.parse of ${parsed.toLocaleString('en')} entries`, floor, 's')

heading('Opening the review (plugin host, GMP pack, findings stored)')
start = performance.now()
const rules = await platform.plugins.exceptionRules()
figure(`activating the rule packs (${rules.length} rules)`, since(start), 's')
for (const run of ['first (cold JIT)', 'second']) {
  start = performance.now()
  const review = await core.reviews.open({ trail: 'data', from: 1, to }, reviewer, ctx())
  const seconds = since(start)
  figure(`open a review over ${review.entryCount.toLocaleString('en')} entries, ${run}`, seconds, 's', { max: 3 })
  figure('  vs read + parse alone (× slower)', seconds / floor, '×')
  const critical = review.findings.filter((f) => f.severity === 'critical').length
  console.log(`    ${review.findings.length.toLocaleString('en')} findings (${critical} critical)${review.ruleErrors?.length ? `, ${review.ruleErrors.length} rule errors` : ''}`)
}

await platform.close()
if (values.data === undefined) rmSync(dir, { recursive: true, force: true })
