// npm run bench -- export [--entries N] [--keep DIR]
// Exports of a realistic data trail: JSON Lines and CSV of every entry, a PDF of 1% of them and
// an evidence package of 10%, each in a child process (so peak RSS is the export's own; the
// children run from TypeScript sources through tsx, which alone holds ~45 MB), against a bare
// loop in a child of its own that writes the same stored bytes to a file (the floor).
import { spawnSync } from 'node:child_process'
import { createHash, randomUUID } from 'node:crypto'
import { once } from 'node:events'
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { createClient } from '@libsql/client'
import { exportInProcess, exportInWorker, openPlatform, planExport, type EntryDraft } from '@veritrail/core'
import { figure, heading, since } from './report.ts'

interface ChildResult {
  entries: number
  seconds: number
  bytes: number
  /** Resident memory of the child once loaded, before the export started. */
  baseRssMb: number
  maxRssMb: number
}

const SELF = fileURLToPath(import.meta.url)
const LOADER = fileURLToPath(new URL('../scripts/dev-loader.mjs', import.meta.url))

if (process.argv[2] === '--child') await child(process.argv[3]!, process.argv[4]!, process.argv[5]!, process.argv[6]!)
else await parent()

/** A realistic data-trail entry (as bench/ledger.ts): ~600 bytes, a critical change with a reason. */
function draft(i: number): EntryDraft {
  const action = i % 100 === 0 ? 'transition' : i % 10 === 1 ? 'create' : 'update'
  return {
    trail: 'data',
    actor: { id: `u-${i % 40}`, username: `operator${i % 40}`, displayName: `Operator ${i % 40} 操作员`, role: 'operator', type: 'person' },
    action,
    correlationId: randomUUID(),
    client: { ip: '10.0.0.12', userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/126.0' },
    session: randomUUID(),
    target: { type: 'meddev.batch', typeVersion: '1.0.0', id: randomUUID(), version: 2 + (i % 5), recordHash: createHash('sha256').update(String(i)).digest('hex') },
    changes: [
      { field: 'actualSterilisationTime', label: 'Sterilisation time', old: '15.0', new: `${12 + (i % 7)}.5` },
      { field: 'remarks', label: 'Remarks', old: null, new: `Re-measured after calibration of autoclave AC-${i % 9}, batch ${i}` },
    ],
    reason: { code: 'measurement-retaken', label: 'Measurement re-taken', text: '复测后更正 corrected after re-measurement' },
    searchText: ['灭菌时间', '备注', '复测'],
  }
}

async function parent(): Promise<void> {
  const { values } = parseArgs({ args: process.argv.slice(3), options: { entries: { type: 'string' }, keep: { type: 'string' } } })
  const N = Number(values.entries ?? 1_000_000)
  const dir = values.keep ?? mkdtempSync(join(tmpdir(), 'veritrail-bench-export-'))
  const platform = await openPlatform({ dataDir: dir, timeZone: 'Asia/Shanghai', program: 'bench' })
  const { core } = platform
  const existing = await core.store.read.trailSize('data')
  console.log(`Export bench: ${N.toLocaleString('en')} data-trail entries, data dir ${dir}`)
  if (existing < N) {
    heading('Seeding (records through core.records, then batches of 1,000 drafts through core.ledger.append)')
    let start = performance.now()
    const ctx = { ...core.systemContext(), actor: { id: 'u-bench', username: 'bench.operator', displayName: 'Bench Operator 操作员', role: 'operator', type: 'person' as const } }
    for (let i = 0; i < 200; i++) {
      const data = { supplierCode: `SUP-${1000 + i}`, supplierName: `供应商 ${i}`, scope: 'Gauze', supplierClass: 'A', qualificationStatus: 'pending' }
      const { id } = await core.records.create('meddev.supplierQualification', data, ctx)
      await core.records.update('meddev.supplierQualification', id, { data: { ...data, qualificationStatus: 'approved' }, baseVersion: 1, reason: { code: 'qualification_decision', text: '现场审核通过' } }, ctx)
    }
    for (let i = await core.store.read.trailSize('data'), batch = 1; i < N; i += 1000, batch++) {
      await core.ledger.append(Array.from({ length: Math.min(1000, N - i) }, (_, j) => draft(i + j)))
      if (batch % 100 === 0) console.log(`  ${(i + 1000).toLocaleString('en')} entries, ${Math.round((i + 1000) / since(start)).toLocaleString('en')}/s`)
    }
    figure('seeded', N / since(start), 'entries/s')
  }
  // The server path once: the same JSON Lines through a worker thread, streamed back.
  const size = await core.store.read.trailSize('data')
  const workerFile = join(dir, 'worker.jsonl')
  const start = performance.now()
  const plan = await planExport(core, platform.plugins, { format: 'jsonl', filter: { trail: 'data' } }, core.systemContext())
  const out = createWriteStream(workerFile)
  for await (const chunk of (await exportInWorker(core, plan)) as unknown as AsyncIterable<Uint8Array>) if (!out.write(chunk)) await once(out, 'drain')
  out.end()
  await once(out, 'close')
  const workerRate = size / since(start)
  await platform.close()

  const run = (mode: string, format: string, filter: object, nodeArgs: string[] = []): ChildResult => {
    const r = spawnSync(process.execPath, [...nodeArgs, '--import', LOADER, SELF, '--child', mode === 'floor' ? 'floor' : format, dir, JSON.stringify(filter), join(dir, `out.${format}`)], { encoding: 'utf8', maxBuffer: 1 << 24 })
    if (r.status !== 0) throw new Error(`${mode} ${format} failed: ${r.stderr}`)
    return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as ChildResult
  }
  heading(`Floor: a bare loop writing the stored bytes of ${size.toLocaleString('en')} entries to a file (child process)`)
  const floor = run('floor', 'txt', {})
  figure('bare loop, entries/s', floor.entries / floor.seconds, 'entries/s')
  figure('bare loop, peak RSS (process loaded: ' + Math.round(floor.baseRssMb) + ' MB)', floor.maxRssMb, 'MB')

  for (const [format, label] of [['jsonl', 'JSON Lines'], ['csv', 'CSV']] as const) {
    heading(`${label} of the whole data trail (${size.toLocaleString('en')} entries, core streaming in a child process)`)
    const r = run('export', format, { trail: 'data' })
    figure(`${label}, entries/s`, r.entries / r.seconds, 'entries/s', { min: 100_000 })
    figure(`${label}, seconds`, r.seconds, 's')
    figure(`${label}, file`, r.bytes / 1e6, 'MB')
    figure(`${label}, peak RSS (loaded before the export: ${Math.round(r.baseRssMb)} MB)`, r.maxRssMb, 'MB', { max: 200 })
    figure(`${label}, RSS growth during the export`, r.maxRssMb - r.baseRssMb, 'MB')
    figure(`${label} vs the floor (× slower)`, floor.entries / floor.seconds / (r.entries / r.seconds), '×')
  }
  figure('JSON Lines through a worker thread (server path), entries/s', workerRate, 'entries/s')
  // The live set is small; V8 lets garbage accumulate while memory is plentiful. Capping the old
  // generation shows what the export really holds (and what an operator can ask of it).
  const capped = run('export', 'jsonl', { trail: 'data' }, ['--max-old-space-size=64'])
  figure('JSON Lines with --max-old-space-size=64, entries/s', capped.entries / capped.seconds, 'entries/s')
  figure(`JSON Lines with --max-old-space-size=64, peak RSS (loaded: ${Math.round(capped.baseRssMb)} MB)`, capped.maxRssMb, 'MB')
  figure('JSON Lines with --max-old-space-size=64, RSS growth', capped.maxRssMb - capped.baseRssMb, 'MB')

  heading('PDF of the status changes (1% of the trail, filter action=transition)')
  const pdf = run('export', 'pdf', { trail: 'data', action: 'transition' })
  figure(`PDF of ${pdf.entries.toLocaleString('en')} entries, seconds`, pdf.seconds, 's', { max: 10 })
  figure('PDF, file', pdf.bytes / 1e6, 'MB')
  figure(`PDF, peak RSS (loaded before the export: ${Math.round(pdf.baseRssMb)} MB)`, pdf.maxRssMb, 'MB', { max: 200 })

  heading('Evidence package of the creations (10% of the trail, filter action=create: sparse proofs)')
  const evidence = run('export', 'evidence', { trail: 'data', action: 'create' })
  figure(`evidence package of ${evidence.entries.toLocaleString('en')} entries, seconds`, evidence.seconds, 's')
  figure('evidence package, entries/s', evidence.entries / evidence.seconds, 'entries/s')
  figure('evidence package, file', evidence.bytes / 1e6, 'MB')
  figure(`evidence package, peak RSS (loaded before the export: ${Math.round(evidence.baseRssMb)} MB)`, evidence.maxRssMb, 'MB', { max: 200 })
  if (!values.keep) rmSync(dir, { recursive: true, force: true })
}

/** One measured run in a fresh process: an export through the core, or the floor loop. */
async function child(format: string, dir: string, filter: string, file: string): Promise<void> {
  const start = performance.now()
  let result: Omit<ChildResult, 'maxRssMb' | 'baseRssMb'>
  let baseRssMb = 0
  if (format === 'floor') {
    const db = createClient({ url: `file:${join(dir, 'veritrail.db')}` })
    baseRssMb = process.memoryUsage().rss / 1e6
    const out = createWriteStream(file, { highWaterMark: 1 << 20 })
    let entries = 0
    for (let after = 0; ; ) {
      const rs = await db.execute({ sql: "SELECT seq, bytes FROM entries WHERE trail = 'data' AND seq > ? ORDER BY seq LIMIT 1000", args: [after] })
      if (rs.rows.length === 0) break
      let text = ''
      for (const row of rs.rows) text += `${String(row[1])}\n`
      if (!out.write(text)) await once(out, 'drain')
      entries += rs.rows.length
      after = Number(rs.rows.at(-1)![0])
    }
    out.end()
    await once(out, 'close')
    db.close()
    result = { entries, seconds: since(start), bytes: statSync(file).size }
  } else {
    const platform = await openPlatform({ dataDir: dir, timeZone: 'Asia/Shanghai', program: 'bench export' })
    const { core } = platform
    const plan = await planExport(core, platform.plugins, { format, filter: JSON.parse(filter), locale: 'en' }, core.systemContext())
    const exporter = (await platform.plugins.exporters()).find((e) => e.value.id === plan.format.exporterId)!.value
    const out = createWriteStream(file, { highWaterMark: 1 << 20 })
    baseRssMb = process.memoryUsage().rss / 1e6
    const began = performance.now()
    const outcome = await exportInProcess(core, exporter, plan, {
      sink: async (chunk) => {
        if (!out.write(chunk)) await once(out, 'drain')
      },
    })
    out.end()
    await once(out, 'close')
    result = { entries: outcome.entries, seconds: since(began), bytes: outcome.bytes }
    await platform.close()
  }
  console.log(JSON.stringify({ ...result, baseRssMb, maxRssMb: process.resourceUsage().maxRSS / 1024 }))
}
