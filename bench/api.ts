// npm run bench -- api [--entries N] [--ingest N] [--clients C]
// The HTTP API of the real server (apps/server/src/main.ts in a child process; the client is this
// process on the same machine):
//   1. ingest throughput (batches of 1,000 items, C concurrent clients) against the raw floor:
//      the same stored entry bytes inserted by the sqlite3 CLI in one transaction;
//   2. concurrent single creates (64 in flight), and ingest of a type with a unique field as the
//      type grows;
//   3. audit queries (filters, full text in English and Chinese, two-character Chinese) over N
//      seeded entries (default 1,000,000), seeded through core.ledger.append in this process.
import { spawnSync } from 'node:child_process'
import { createHash, randomUUID } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { createClient } from '@libsql/client'
import { openCore, staticRegistry, type EntryDraft } from '@veritrail/core'
import {
  ADMIN_INITIAL,
  adminToken,
  client,
  integration,
  person,
} from '../apps/server/tests/harness.ts'
import { freePort, startServerProcess, type ServerProcess } from '../apps/server/tests/process.ts'
import { figure, heading, since } from './report.ts'

const { values } = parseArgs({
  args: process.argv.slice(3),
  options: { entries: { type: 'string' }, ingest: { type: 'string' }, clients: { type: 'string' } },
})
const ENTRIES = Number(values.entries ?? 1_000_000)
const INGEST = Number(
  values.ingest ?? Math.min(100_000, Math.max(10_000, Math.round(ENTRIES / 10))),
)
const CLIENTS = Number(values.clients ?? 4)
const BATCH = 1000
const SINGLES = Math.min(5_000, INGEST)
const IN_FLIGHT = 64
const UNIQUE_BATCHES = 4
const root = mkdtempSync(join(tmpdir(), 'veritrail-bench-api-'))
const serverEnv = { VERITRAIL_ADMIN_PASSWORD: ADMIN_INITIAL, VERITRAIL_TZ: 'Asia/Shanghai' }

function percentile(xs: number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

// A failure names what the server printed (a crash of the child shows up here, not as ECONNRESET).
process.on('uncaughtException', (error) => {
  console.error(error)
  console.error(`server output (last 3,000 characters):\n${server?.output().slice(-3000)}`)
  process.exit(1)
})

async function stop(server: ServerProcess): Promise<void> {
  server.child.kill('SIGTERM')
  await server.exited()
}

console.log(
  `API bench: ingest ${INGEST.toLocaleString('en')} items (${CLIENTS} clients), ${SINGLES.toLocaleString('en')} single creates, queries over ${ENTRIES.toLocaleString('en')} entries; data in ${root}`,
)

// ── 1 and 2: ingest and single creates on a fresh installation ─────────────────────────────────
const ingestDir = join(root, 'ingest')
let server = await startServerProcess(ingestDir, await freePort(), serverEnv)
let api = client(server.url)
const admin = await adminToken(api)
const operator = await person(api, admin, 'olivia', ['operator'])
const mes = await integration(api, admin, 'lims-1')
const batchId = await productionBatch()

/** An MES equipment-usage log for the batch (~1.1 kB of canonical entry; the type has no unique field). */
function equipmentUse(i: number) {
  const hour = 8 + (i % 10)
  return {
    equipmentId: `AC-${String(1 + (i % 9)).padStart(2, '0')}`,
    equipmentName: '脉动真空灭菌柜 pulse-vacuum autoclave',
    batch: batchId,
    startedAt: `2026-11-22T${String(hour).padStart(2, '0')}:00:00+08:00`,
    endedAt: `2026-11-22T${String(hour).padStart(2, '0')}:45:00+08:00`,
    operator: i % 2 ? '张伟' : 'Li Na',
    cleaningStatus: 'cleaned',
    calibrationDue: '2027-03-31',
    notes: `Load ${i}: chamber leak test passed 泄漏测试合格`,
  }
}

/** A LIMS result for the batch; its report number is unique among live inspections. */
function inspection(i: number) {
  return {
    reportNumber: `QC-2026-${String(10_000 + i).padStart(6, '0')}`,
    batch: batchId,
    inspectionType: 'seal_strength',
    method: 'YY/T 0681.2 peel test',
    sampleSize: 10,
    result: `${2 + (i % 9) / 10}`,
    resultUnit: 'N/15 mm',
    lowerLimit: '1.5',
    verdict: 'pass',
    inspector: i % 2 ? '张伟' : 'Li Na',
    inspectedAt: '2026-11-22T10:00:00+08:00',
    instrument: `Instron 3343 #${i % 4}`,
  }
}

const ingestBody = (
  b: number,
  size: number,
  type: string,
  data: (i: number) => Record<string, unknown>,
) =>
  JSON.stringify({
    source: { system: 'MES' },
    idempotencyKey: `bench-${type}-${b}-${randomUUID()}`,
    items: Array.from({ length: size }, (_, j) => ({
      op: 'create',
      type,
      data: data(b * BATCH + j),
      sourceUser: 'mes.zhang',
      sourceTs: '2026-11-22T10:05:00+08:00',
      sourceRef: `MES-${b}-${j}`,
    })),
  })

heading(
  `Ingest over HTTP (POST /api/v1/ingest, meddev.equipmentUsage, ${BATCH.toLocaleString('en')} items per batch, ${CLIENTS} concurrent clients, integration token)`,
)
const batches = Array.from({ length: Math.ceil(INGEST / BATCH) }, (_, b) =>
  ingestBody(b, Math.min(BATCH, INGEST - b * BATCH), 'meddev.equipmentUsage', equipmentUse),
)
let retries = 0
/** A batch is idempotent by its key: a connection dropped mid-request is answered by sending it again. */
async function ingestWithRetry(body: string): Promise<Awaited<ReturnType<typeof api>>> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await api('POST', '/api/v1/ingest', {
        token: mes.token,
        raw: body,
        headers: { 'content-type': 'application/json' },
      })
    } catch (error) {
      if (attempt === 3) throw error
      retries++
    }
  }
}
let start = performance.now()
let nextBatch = 0
await Promise.all(
  Array.from({ length: CLIENTS }, async () => {
    while (nextBatch < batches.length) {
      const body = batches[nextBatch++]!
      const res = await ingestWithRetry(body)
      if (res.status !== 200) throw new Error(`ingest refused: ${res.text.slice(0, 500)}`)
    }
  }),
)
const ingestRate = INGEST / since(start)
if (retries > 0)
  console.log(
    `  (${retries} batch(es) re-sent after a dropped connection; the idempotency key makes that safe)`,
  )

heading(
  `Concurrent single creates (POST /api/v1/records/meddev.equipmentUsage, ${IN_FLIGHT} in flight)`,
)
const latencies: number[] = []
let nextSingle = 0
start = performance.now()
await Promise.all(
  Array.from({ length: IN_FLIGHT }, async () => {
    while (nextSingle < SINGLES) {
      const i = INGEST + nextSingle++
      const t0 = performance.now()
      const res = await api('POST', '/api/v1/records/meddev.equipmentUsage', {
        token: operator.token,
        body: { data: equipmentUse(i) },
      })
      latencies.push(performance.now() - t0)
      if (res.status !== 201) throw new Error(`create refused: ${res.text.slice(0, 500)}`)
    }
  }),
)
const singlesRate = SINGLES / since(start)

heading(
  `Ingest of a type with a unique field (meddev.inspection, unique reportNumber): time per batch of ${BATCH.toLocaleString('en')} as the type grows`,
)
const uniqueBatches: number[] = []
for (let b = 0; b < UNIQUE_BATCHES; b++) {
  const body = ingestBody(b, BATCH, 'meddev.inspection', inspection)
  const t = performance.now()
  const res = await api('POST', '/api/v1/ingest', {
    token: mes.token,
    raw: body,
    headers: { 'content-type': 'application/json' },
  })
  if (res.status !== 200) throw new Error(`ingest refused: ${res.text.slice(0, 500)}`)
  uniqueBatches.push(performance.now() - t)
}
await stop(server)

// The floor: the very entry bytes the ingest stored, inserted by the sqlite3 CLI in one transaction.
const db = createClient({ url: `file:${join(ingestDir, 'veritrail.db')}` })
const stored = (
  await db.execute({
    sql: "SELECT bytes FROM entries WHERE trail = 'data' AND record_type = 'meddev.equipmentUsage' ORDER BY seq LIMIT ?",
    args: [INGEST],
  })
).rows.map((r) => String(r[0]))
db.close()
const floorSql = join(root, 'floor.sql')
const floorDb = join(root, 'floor.db')
writeFileSync(
  floorSql,
  [
    'PRAGMA journal_mode=WAL;',
    'PRAGMA synchronous=FULL;',
    'CREATE TABLE raw (id INTEGER PRIMARY KEY, bytes TEXT NOT NULL);',
    'BEGIN;',
    ...stored.map((b) => `INSERT INTO raw (bytes) VALUES ('${b.replaceAll("'", "''")}');`),
    'COMMIT;',
    '',
  ].join('\n'),
)
start = performance.now()
const sqlite = spawnSync('sh', ['-c', `sqlite3 '${floorDb}' < '${floorSql}'`], { encoding: 'utf8' })
const floorSeconds = since(start)
if (sqlite.status !== 0) throw new Error(`sqlite3 failed: ${sqlite.stderr}`)
const floorRows = Number(
  spawnSync('sqlite3', [floorDb, 'SELECT count(*) FROM raw'], { encoding: 'utf8' }).stdout.trim(),
)
if (floorRows !== stored.length)
  throw new Error(`the floor stored ${floorRows} rows, not ${stored.length}`)
const floorRate = floorRows / floorSeconds
const avgBytes = stored.reduce((n, b) => n + Buffer.byteLength(b), 0) / stored.length

heading('Results: writes')
figure(
  `sqlite3 CLI, the same ${stored.length.toLocaleString('en')} entry bytes (avg ${Math.round(avgBytes)} B), one transaction (floor)`,
  floorRate,
  'entries/s',
)
figure('HTTP ingest, batches of 1,000 (entry + version + tree + FTS)', ingestRate, 'entries/s', {
  min: 15_000,
})
figure('ingest vs floor (× slower)', floorRate / ingestRate, '×', { max: 10 })
figure(`single creates, ${IN_FLIGHT} in flight`, singlesRate, 'creates/s')
figure('single create latency p50', percentile(latencies, 50), 'ms')
figure('single create latency p95', percentile(latencies, 95), 'ms')
uniqueBatches.forEach((ms, b) =>
  figure(
    `inspection batch with ${(b * BATCH).toLocaleString('en')} inspections already stored`,
    BATCH / (ms / 1000),
    'entries/s',
  ),
)

// ── 3: audit queries over a large trail ──────────────────────────────────────────────────────────
const queryDir = join(root, 'query')
mkdirSync(queryDir, { recursive: true })
const YEAR = 365 * 86_400_000
const t0 = Date.now() - YEAR
let clock = t0
const core = await openCore({
  dataDir: queryDir,
  registry: staticRegistry([]),
  timeZone: 'Asia/Shanghai',
  program: 'bench-api',
  now: () => clock,
})
await core.bootstrap(ADMIN_INITIAL)
heading(
  `Seeding ${ENTRIES.toLocaleString('en')} realistic data-trail entries (core.ledger.append, ${BATCH.toLocaleString('en')} per commit, one simulated year)`,
)
const world = seedWorld(ENTRIES)
start = performance.now()
for (let i = 0; i < ENTRIES; i += BATCH) {
  clock = t0 + Math.floor((i / ENTRIES) * YEAR)
  await core.ledger.append(
    Array.from({ length: Math.min(BATCH, ENTRIES - i) }, (_, j) => world.draft(i + j)),
  )
  if ((i / BATCH) % 100 === 99)
    process.stdout.write(`  ${(i + BATCH).toLocaleString('en')} entries…\r`)
}
const seedSeconds = since(start)
await core.close()
figure('seeding time', seedSeconds, 's')
figure('seeding rate', ENTRIES / seedSeconds, 'entries/s')
figure('database size', statSync(join(queryDir, 'veritrail.db')).size / 2 ** 20, 'MiB')

server = await startServerProcess(queryDir, await freePort(), serverEnv)
api = client(server.url)
const qa = await person(api, await adminToken(api), 'quentin', ['qa'])
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!
const day = (offsetDays: number, hours = 24) => {
  const from = new Date(t0 + offsetDays * 86_400_000)
  return `from=${from.toISOString()}&to=${new Date(from.getTime() + hours * 3_600_000).toISOString()}`
}
const queries: [string, () => string][] = [
  ['actor (data trail)', () => `trail=data&actor=${pick(world.operators)}`],
  ['action=sign', () => 'trail=data&action=sign'],
  ['action=delete', () => 'trail=data&action=delete'],
  [
    'recordType + recordId',
    () => {
      const r = pick(world.records)
      return `recordType=${r.type}&recordId=${r.id}`
    },
  ],
  ['time range: one day', () => day(1 + Math.floor(Math.random() * 360))],
  ['time range: one hour', () => day(1 + Math.floor(Math.random() * 360), 1)],
  [
    'action + time range (a week)',
    () => `action=update&${day(Math.floor(Math.random() * 350), 24 * 7)}`,
  ],
  ['q English, common: "calibration"', () => 'q=calibration'],
  ['q English, phrase: "autoclave AC-7"', () => `q=${encodeURIComponent('autoclave AC-7')}`],
  [
    'q English, rare: a deviation number',
    () => `q=${encodeURIComponent(`DV-2026-${String(pick(world.deviations)).padStart(4, '0')}`)}`,
  ],
  ['q Chinese label (≥ 3 chars): 封口强度', () => `q=${encodeURIComponent('封口强度')}`],
  ['q Chinese value (≥ 3 chars): 灭菌柜', () => `q=${encodeURIComponent('灭菌柜')}`],
  ['q Chinese, 2 chars, common: 复测', () => `q=${encodeURIComponent('复测')}`],
  ['q Chinese, 2 chars, in 10%: 灭菌', () => `q=${encodeURIComponent('灭菌')}`],
  ['q Chinese, 2 chars, rare (0.1%): 偏差', () => `q=${encodeURIComponent('偏差')}`],
  [
    'q Chinese, 2 chars, label only (in the index, not the bytes): 检验',
    () => `q=${encodeURIComponent('检验')}`,
  ],
  [
    'q + actor: "calibration" by one operator',
    () => `q=calibration&actor=${pick(world.operators)}`,
  ],
]
heading(
  `Audit queries over ${ENTRIES.toLocaleString('en')} entries (GET /api/v1/audit, first page of 50, qa, p50 / p95 of up to 20 after a warm-up)`,
)
for (const [name, params] of queries) {
  const times: number[] = []
  let found = 0
  const began = performance.now()
  // At least 5 timed runs; slow queries stop after about 30 s.
  for (let r = 0; r < 21 && (r < 6 || performance.now() - began < 30_000); r++) {
    const t = performance.now()
    const res = await api('GET', `/api/v1/audit?${params()}`, { token: qa.token })
    if (res.status !== 200) throw new Error(`${name}: ${res.text.slice(0, 300)}`)
    if (r > 0) times.push(performance.now() - t)
    found = Math.max(found, res.json.entries.length)
  }
  figure(`${name} (${found} rows) p50`, percentile(times, 50), 'ms')
  figure(`${name} p95`, percentile(times, 95), 'ms', { max: 50 })
}
await stop(server)
rmSync(root, { recursive: true, force: true })

/** The supplier, material lot, recipe and batch an inspection refers to. */
async function productionBatch(): Promise<string> {
  const create = async (type: string, data: Record<string, unknown>) => {
    const res = await api('POST', `/api/v1/records/${type}`, {
      token: operator.token,
      body: { data },
    })
    if (res.status !== 201) throw new Error(`${type}: ${res.text}`)
    return res.json.id as string
  }
  const supplier = await create('meddev.supplierQualification', {
    supplierCode: 'SUP-900',
    supplierName: '苏州洁康医用材料有限公司',
    scope: '医用脱脂纱布',
    supplierClass: 'A',
    qualificationStatus: 'pending',
  })
  const lot = await create('meddev.purchase', {
    receiptNumber: 'GR-2026-90001',
    poNumber: 'PO260001',
    supplier,
    materialCode: 'RM-GZ-4012',
    materialDescription: '医用脱脂纱布',
    supplierLot: 'JK26031207',
    quantity: '3500',
    quantityUnit: 'm',
    receiptDate: '2026-11-12',
    inspectionResult: 'accepted',
  })
  const recipe = await create('meddev.recipe', {
    product: 'GZD-0808',
    recipeVersion: 'R01',
    sterilisationTemperature: '121.0',
    sterilisationTime: '30',
    chamberPressure: '205',
    dryingTime: '20',
    sealTemperature: '180',
    sealDwellTime: '1.5',
    sealStrengthMin: '1.5',
    bioburdenLimit: '100',
    paperGrammage: '60',
    status: 'draft',
  })
  return create('meddev.batch', {
    batchNumber: 'GZD0808-2611-0001',
    product: 'GZD-0808',
    udiDi: '06970123450010',
    recipe,
    recipeVersion: 'R01',
    equipment: ['AC-01'],
    materialLots: [lot],
    startedAt: '2026-11-20T08:00:00+08:00',
    sterilisationLoad: 'AC01-20261120-01',
    actualSterilisationTemperature: '121.2',
    actualSterilisationTime: '30',
    status: 'in_production',
  })
}

/**
 * A plant's year of audit entries: 40 operators, 10 reviewers and a LIMS account working on
 * records of four types (about five entries per record); creations, changes with reasons,
 * signatures, a few deletions; English labels (the site locale) with Chinese labels in the
 * search index; Chinese free text in one entry in ten; a deviation number in one in a thousand.
 */
function seedWorld(total: number) {
  const operators = Array.from({ length: 40 }, (_, k) => `op-${k}`)
  const reviewers = Array.from({ length: 10 }, (_, k) => `rev-${k}`)
  const types = [
    {
      id: 'meddev.inspection',
      zh: '检验报告',
      fields: [
        ['result', 'Result', '检验结果'],
        ['verdict', 'Verdict', '结论'],
        ['remarks', 'Remarks', '备注'],
      ],
    },
    {
      id: 'meddev.batch',
      zh: '批生产记录',
      fields: [
        ['actualSterilisationTime', 'Actual sterilisation hold time', '实际灭菌保持时间'],
        ['actualSterilisationTemperature', 'Actual sterilisation temperature', '实际灭菌温度'],
        ['remarks', 'Remarks', '备注'],
      ],
    },
    {
      id: 'meddev.equipmentUsage',
      zh: '设备使用日志',
      fields: [
        ['cleaningStatus', 'Cleaning status', '清洁状态'],
        ['calibrationDue', 'Calibration due', '校准有效期至'],
        ['notes', 'Notes', '备注'],
      ],
    },
    {
      id: 'meddev.recipe',
      zh: '工艺配方',
      fields: [
        ['sealTemperature', 'Sealing temperature', '封口温度'],
        ['sealStrengthMin', 'Minimum seal strength', '封口强度下限'],
        ['sterilisationTime', 'Sterilisation hold time', '灭菌保持时间'],
      ],
    },
  ] as const
  const records = Array.from({ length: Math.max(1, Math.floor(total / 5)) }, (_, k) => ({
    type: types[k % types.length]!.id,
    id: randomUUID(),
  }))
  const deviations = Array.from({ length: Math.max(1, Math.floor(total / 1000)) }, (_, k) => k)
  const client = {
    ip: '10.20.1.17',
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/126.0',
  }
  const person = (id: string, role: string) => ({
    id,
    username: id.replace('op-', 'operator').replace('rev-', 'reviewer'),
    displayName: `${id.startsWith('op') ? 'Operator' : 'Reviewer'} ${id.split('-')[1]} 王`,
    role,
    type: 'person' as const,
  })
  function draft(i: number): EntryDraft {
    const record = records[(i * 7919) % records.length]!
    const type = types.find((t) => t.id === record.type)!
    const kind = i % 100
    const field = type.fields[i % 3]!
    const zhText = i % 10 === 0 ? `灭菌柜 AC-${i % 9} 温度曲线复核，` : ''
    const deviation =
      i % 1000 === 500
        ? ` 偏差 DV-2026-${String(Math.floor(i / 1000) % deviations.length).padStart(4, '0')}`
        : ''
    const note = `${zhText}autoclave AC-${i % 9} calibration checked, run ${i}${deviation}`
    const base = {
      trail: 'data' as const,
      correlationId: randomUUID(),
      client,
      session: randomUUID(),
      target: {
        type: record.type,
        typeVersion: '1.0.0',
        id: record.id,
        version: 1 + (i % 5),
        recordHash: createHash('sha256').update(`${record.id}:${i}`).digest('hex'),
      },
      searchText: [type.zh, field[2]],
    }
    if (kind < 35 || kind >= 90) {
      return {
        ...base,
        actor:
          kind >= 90
            ? {
                id: 'lims-1',
                username: 'lims-1',
                displayName: 'LIMS interface',
                role: 'integration',
                type: 'system',
              }
            : person(operators[i % operators.length]!, 'operator'),
        action: 'create',
        changes: type.fields.map(([f, label], k) => ({
          field: f,
          label,
          new: k === 2 ? note : `${100 + (i % 50)}.${i % 10}`,
        })),
        ...(kind >= 90
          ? {
              source: {
                system: 'LIMS',
                user: 'lims.zhang',
                ts: new Date(clock).toISOString(),
                ref: `LIMS-${i}`,
              },
            }
          : {}),
      }
    }
    if (kind < 80) {
      return {
        ...base,
        actor: person(operators[i % operators.length]!, 'operator'),
        action: 'update',
        changes: [
          {
            field: field[0],
            label: field[1],
            old: `${100 + (i % 50)}.${i % 10}`,
            new:
              field[0] === 'remarks' || field[0] === 'notes' ? note : `${101 + (i % 50)}.${i % 10}`,
          },
        ],
        reason: {
          code: 'remeasured',
          label: 'Measurement re-taken after an OOS investigation',
          text: `复测后更正 corrected after re-measurement, ${note}`,
        },
      }
    }
    if (kind < 88) {
      return {
        ...base,
        actor: person(reviewers[i % reviewers.length]!, 'reviewer'),
        action: 'sign',
        details: { signatureId: randomUUID(), meaning: 'review', signer: `Reviewer ${i % 10} 王` },
      }
    }
    return {
      ...base,
      actor: person(operators[i % operators.length]!, 'operator'),
      action: 'delete',
      reason: { code: 'duplicate', label: 'Duplicate entry', text: `Entered twice, ${note}` },
    }
  }
  return { operators, records, deviations, draft }
}
