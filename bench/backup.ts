// npm run bench -- backup [--mib 200]
// The backup engine on a ~200 MiB database, against baselines measured in the same run on the
// same file: `sqlite3 .backup` + zstd (and gzip) + `age`, and `restic backup`. Targets: a full
// backup ≤ 1.5× the .backup+zstd+age floor; an incremental after a 1% change ≤ 5% of the full
// set; a restore drill including the full ledger verify < 10 s.
import { execFileSync } from 'node:child_process'
import { createHash, randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import {
  folderTarget,
  openBackups,
  openCore,
  staticRegistry,
  type EntryDraft,
} from '@veritrail/core'
import { figure, heading, since } from './report.ts'

const { values } = parseArgs({ args: process.argv.slice(3), options: { mib: { type: 'string' } } })
const MIB = Number(values.mib ?? 200)
const dir = mkdtempSync(join(tmpdir(), 'veritrail-bench-backup-'))
const data = join(dir, 'data')
const sh = (cmd: string) =>
  execFileSync('sh', ['-c', cmd], {
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 1 << 30,
  }).toString()
const has = (tool: string) => {
  try {
    sh(`command -v ${tool}`)
    return true
  } catch {
    return false
  }
}

/** A realistic data-trail entry (~600 bytes of canonical JSON), as in bench/ledger.ts. */
function draft(i: number): EntryDraft {
  return {
    trail: 'data',
    actor: {
      id: `u-${i % 40}`,
      username: `operator${i % 40}`,
      displayName: `Operator ${i % 40} 操作员`,
      role: 'operator',
      type: 'person',
    },
    action: 'update',
    correlationId: randomUUID(),
    client: {
      ip: '10.0.0.12',
      userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/126.0',
    },
    session: randomUUID(),
    target: {
      type: 'meddev.batch',
      typeVersion: '1.0.0',
      id: randomUUID(),
      version: 2 + (i % 5),
      recordHash: createHash('sha256').update(String(i)).digest('hex'),
    },
    changes: [
      {
        field: 'sterilisationMinutes',
        label: 'Sterilisation time',
        old: '15.0',
        new: `${12 + (i % 7)}.5`,
      },
      {
        field: 'operatorNote',
        label: 'Operator note',
        old: null,
        new: `Re-measured after calibration of autoclave AC-${i % 9}, batch ${i}`,
      },
    ],
    reason: {
      code: 'measurement-retaken',
      label: 'Measurement re-taken',
      text: '复测后更正 corrected after re-measurement',
    },
  }
}

const core = await openCore({
  dataDir: data,
  registry: staticRegistry([]),
  timeZone: 'Asia/Shanghai',
  program: 'bench',
})
const dbFile = join(data, 'veritrail.db')
const engine = await openBackups({
  core,
  targets: async () => [
    folderTarget({
      id: 'backup.local',
      label: { en: 'Local', 'zh-CN': '本地' },
      root: join(dir, 'target'),
    }),
  ],
})
console.log(`Backup bench: building a ${MIB} MiB database in ${dir}`)
let n = 0
while (statSync(dbFile).size < MIB * 1024 * 1024) {
  for (let k = 0; k < 10; k++, n += 2000)
    await core.ledger.append(Array.from({ length: 2000 }, (_, j) => draft(n + j)))
  await engine.capture()
}
const mib = statSync(dbFile).size / 1024 / 1024
console.log(`  ${n.toLocaleString('en')} data-trail entries, ${mib.toFixed(0)} MiB`)

heading('Full backup (page-identical base: compress, age-encrypt, hash, store, read back)')
let start = performance.now()
const full = await engine.run({ target: 'local', kind: 'full' })
const fullSeconds = since(start)

// Floor: the same database with standard tools, in the same run.
const identity = join(data, 'keys', 'backup.agekey')
const recipient = sh(`age-keygen -y ${identity}`).trim()
const copy = join(dir, 'floor.db')
start = performance.now()
sh(
  `sqlite3 ${dbFile} ".backup ${copy}" && zstd -q -3 -c ${copy} | age -r ${recipient} > ${copy}.zst.age && sha256sum ${copy}.zst.age > /dev/null`,
)
const floorZstd = since(start)
rmSync(copy, { force: true })
start = performance.now()
sh(
  `sqlite3 ${dbFile} ".backup ${copy}" && gzip -1 -c ${copy} | age -r ${recipient} > ${copy}.gz.age && sha256sum ${copy}.gz.age > /dev/null`,
)
const floorGzip = since(start)
const floorBytes = statSync(`${copy}.zst.age`).size
figure('engine full backup', fullSeconds, 's', { max: 1.5 * floorZstd })
figure('  floor: sqlite3 .backup + zstd -3 + age + sha256sum', floorZstd, 's')
figure('  floor: sqlite3 .backup + gzip -1 + age + sha256sum', floorGzip, 's')
figure('engine full set size', full.bytes / 1024 / 1024, 'MiB')
figure('  floor .backup+zstd+age size', floorBytes / 1024 / 1024, 'MiB')

let restic: { full: number; incremental: number; seconds: number } | undefined
if (has('restic')) {
  const repo = join(dir, 'restic')
  writeFileSync(join(dir, 'restic.pw'), 'bench password')
  const env = `RESTIC_REPOSITORY=${repo} RESTIC_PASSWORD_FILE=${join(dir, 'restic.pw')}`
  sh(`${env} restic init -q`)
  sh(`sqlite3 ${dbFile} ".backup ${join(dir, 'restic-src.db')}"`)
  start = performance.now()
  sh(`${env} restic backup -q ${join(dir, 'restic-src.db')}`)
  const seconds = since(start)
  const repoBytes = () => Number(sh(`du -sb ${repo}`).split('\t')[0])
  restic = { full: repoBytes(), incremental: 0, seconds }
  figure('  baseline: restic backup (full, same file)', seconds, 's')
}

heading('Incremental after a 1% change (shipped WAL segments)')
const target = Math.floor(n / 100)
await core.ledger.append(Array.from({ length: target }, (_, j) => draft(n + j)))
n += target
start = performance.now()
const inc = await engine.run({ target: 'local', kind: 'incremental' })
figure('engine incremental', since(start), 's')
figure('incremental set size', inc.bytes / 1024 / 1024, 'MiB')
figure('incremental / full database', (100 * inc.bytes) / statSync(dbFile).size, '%', { max: 5 })
figure('incremental / full backup set (compressed)', (100 * inc.bytes) / full.bytes, '%')
if (restic) {
  const before = Number(sh(`du -sb ${join(dir, 'restic')}`).split('\t')[0])
  sh(
    `sqlite3 ${dbFile} ".backup ${join(dir, 'restic-src.db')}.new" && mv ${join(dir, 'restic-src.db')}.new ${join(dir, 'restic-src.db')}`,
  )
  sh(
    `RESTIC_REPOSITORY=${join(dir, 'restic')} RESTIC_PASSWORD_FILE=${join(dir, 'restic.pw')} restic backup -q ${join(dir, 'restic-src.db')}`,
  )
  restic.incremental = Number(sh(`du -sb ${join(dir, 'restic')}`).split('\t')[0]) - before
  figure(
    '  baseline: restic, bytes added by the same change',
    restic.incremental / 1024 / 1024,
    'MiB',
  )
}

heading(
  'Restore drill (fetch, decrypt, replay, integrity_check, full ledger verify, compare roots)',
)
start = performance.now()
const drill = await engine.drill(inc.id)
figure('restore drill wall time', since(start), 's', { max: 10 })
figure('  drill RTO as reported', drill.rtoMs / 1000, 's', { max: 10 })
console.log(
  `  drill ok: ${drill.ok}, matches checkpoint: ${drill.matchesCheckpoint}${drill.problems.length ? `, problems: ${drill.problems.join(' ')}` : ''}`,
)

await engine.close()
await core.close()
rmSync(dir, { recursive: true, force: true })
