// npm run bench -- ui [--entries N]
// The admin UI over a trail of N entries (default 1,000,000): time to the first rows of the audit
// page in chromium, and long tasks while scrolling fetches page after page. Baseline measured in
// the same run: the first GET /api/v1/audit page over plain HTTP.
import { randomUUID } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import type { EntryDraft } from '@veritrail/core'
import { build } from 'vite'
import { launchChromium } from '../apps/admin/e2e/browser.ts'
import { adminToken, client, person, startServer } from '../apps/server/tests/harness.ts'
import { figure, heading, since } from './report.ts'

const { values } = parseArgs({
  args: process.argv.slice(3),
  options: { entries: { type: 'string' } },
})
const N = Number(values.entries ?? 1_000_000)
const BATCH = 1000
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

console.log(
  `UI bench: ${N.toLocaleString('en')} audit entries, the built admin UI in /usr/bin/chromium`,
)
// Build first: the server reads apps/admin/dist/index.html when it starts.
await build({
  configFile: fileURLToPath(new URL('../apps/admin/vite.config.ts', import.meta.url)),
  logLevel: 'error',
})
const server = await startServer()
const api = client(server.url)
const admin = await adminToken(api)
const operator = await person(api, admin, 'olivia', ['operator'])
const qa = await person(api, admin, 'quentin', ['qa'])
const recipe = await api('POST', '/api/v1/records/meddev.recipe', {
  token: operator.token,
  body: {
    data: {
      product: 'CATH-18F',
      recipeVersion: 'R3',
      sterilisationTemperature: '121.0',
      sterilisationTime: '15.0',
      chamberPressure: '205.0',
      dryingTime: '20',
      sealTemperature: '180',
      sealDwellTime: '1.5',
      sealStrengthMin: '1.5',
      bioburdenLimit: '100',
      paperGrammage: '60',
      status: 'draft',
    },
  },
})
const actor = {
  id: operator.id,
  username: 'olivia',
  displayName: 'Olivia Tester 王丽',
  role: 'operator',
  type: 'person' as const,
}

/** A critical change with a reason on the recipe: ~600 bytes of canonical JSON. */
function draft(i: number): EntryDraft {
  return {
    trail: 'data',
    actor,
    action: 'update',
    correlationId: randomUUID(),
    client: {
      ip: '10.0.0.12',
      userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/126.0',
    },
    target: { type: 'meddev.recipe', typeVersion: '1.0.0', id: recipe.json.id, version: 2 + i },
    changes: [
      {
        field: 'sterilisationTime',
        label: 'Sterilisation hold time',
        old: '15.0',
        new: `${12 + (i % 7)}.5`,
      },
      {
        field: 'sealTemperature',
        label: 'Sealing temperature',
        old: '180',
        new: `${170 + (i % 20)}`,
      },
    ],
    reason: {
      code: 'other',
      label: 'Other (explain)',
      text: `复测后更正 corrected after re-measurement, run ${i}`,
    },
  }
}

heading(`Seeding (${BATCH.toLocaleString('en')} entries per commit)`)
let start = performance.now()
for (let i = 0; i < N; i += BATCH) {
  await server.core.ledger.append(
    Array.from({ length: Math.min(BATCH, N - i) }, (_, j) => draft(i + j)),
  )
  if ((i / BATCH) % 100 === 99)
    process.stdout.write(`  ${(i + BATCH).toLocaleString('en')} entries…\r`)
}
figure('seeded', N / since(start), 'entries/s')

heading('Baseline: the first audit page over plain HTTP (Node fetch, 100 entries)')
const httpTimes: number[] = []
for (let i = 0; i < 7; i++) {
  const t0 = performance.now()
  const res = await api('GET', '/api/v1/audit?limit=100', { token: qa.token })
  if (res.json.entries.length !== 100) throw new Error(res.text)
  httpTimes.push(performance.now() - t0)
}
figure('GET /api/v1/audit?limit=100, median of 7', median(httpTimes), 'ms')

const browser = await launchChromium()
const context = await browser.newContext({
  baseURL: server.url,
  viewport: { width: 1440, height: 900 },
})
// The functions below run in the page (this file is type-checked without the DOM library).
type PageGlobals = {
  __longTasks: { start: number; duration: number }[]
  document: { querySelector(s: string): { textContent: string | null } | null }
}
await context.addInitScript(() => {
  const w = globalThis as unknown as PageGlobals
  w.__longTasks = []
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      w.__longTasks.push({ start: e.startTime, duration: e.duration })
  }).observe({ type: 'longtask', buffered: true } as unknown as { type: 'mark' })
})
const page = await context.newPage()
await page.goto('/')
await page.getByLabel('User name').fill('quentin')
await page.getByLabel('Password', { exact: true }).fill(qa.password)
const signInAt = performance.now()
await page.getByRole('button', { name: 'Sign in' }).click()
await page.getByRole('figure', { name: /Audit entries per day/ }).waitFor({ timeout: 120_000 })
heading('Dashboard (entries per day of both trails, computed from the audit API)')
figure('sign-in → entries-per-day chart drawn', performance.now() - signInAt, 'ms')
await page.waitForLoadState('networkidle')

heading('Audit page: navigation start → first rows in the DOM (performance mark), signed in')
const firstRows: number[] = []
for (let i = 0; i < 5; i++) {
  await page.goto('/audit')
  await page
    .waitForFunction(
      () => performance.getEntriesByName('veritrail:audit-first-rows').length > 0,
      undefined,
      { timeout: 30_000 },
    )
    .catch(async (error: unknown) => {
      await page.screenshot({ path: 'test-results/bench-ui-failed.png' })
      throw error
    })
  firstRows.push(
    await page.evaluate(
      () => performance.getEntriesByName('veritrail:audit-first-rows')[0]!.startTime,
    ),
  )
}
figure('time to first rows, median of 5 full page loads', median(firstRows), 'ms', { max: 1000 })
figure('time to first rows, worst of 5', Math.max(...firstRows), 'ms')

heading('Scrolling the list (mouse wheel, 15 s) while pages are fetched by cursor')
const list = page.getByRole('listbox', { name: 'Audit entries' })
await list.hover()
const before = await page.evaluate(() => ({
  t: performance.now(),
  tasks: (globalThis as unknown as PageGlobals).__longTasks.length,
}))
const scrollStart = performance.now()
const keyLatencies: number[] = []
while (performance.now() - scrollStart < 15_000) {
  await page.mouse.wheel(0, 2400)
  await page.waitForTimeout(30)
  if (keyLatencies.length < 40 && Math.round(performance.now() - scrollStart) % 10 < 3) {
    // Input while scrolling waits for the main thread: a task queued now measures that wait.
    keyLatencies.push(
      await page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const sent = performance.now()
            setTimeout(() => resolve(performance.now() - sent), 0)
          }),
      ),
    )
  }
}
const after = await page.evaluate((t0) => {
  const w = globalThis as unknown as PageGlobals
  const tasks = w.__longTasks.filter((x) => x.start >= t0)
  const status = w.document.querySelector('.list-status')?.textContent ?? ''
  return { tasks, status, rows: Number((status.match(/[\d,]+/)?.[0] ?? '0').replaceAll(',', '')) }
}, before.t)
const seconds = since(scrollStart)
figure('entries loaded by scrolling', after.rows, 'entries')
figure('pages fetched (100 entries each)', after.rows / 100, 'pages')
figure('scroll throughput', after.rows / seconds, 'entries/s')
figure('long tasks (> 50 ms) during the scroll', after.tasks.length, 'tasks', { max: 5 })
figure('longest task during the scroll', Math.max(0, ...after.tasks.map((x) => x.duration)), 'ms', {
  max: 100,
})
figure(
  'main-thread delay of a task queued while scrolling (median)',
  keyLatencies.length ? median(keyLatencies) : 0,
  'ms',
  { max: 16 },
)
figure('main-thread delay, worst', keyLatencies.length ? Math.max(...keyLatencies) : 0, 'ms', {
  max: 50,
})

await browser.close()
await server.close()
