import { execFileSync, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openPlatform, verifyDataDir, type Platform } from '@veritrail/core'
import { runCli } from '../src/main.js'

const BIN = fileURLToPath(new URL('../bin/veritrail.mjs', import.meta.url))
const root = mkdtempSync(join(tmpdir(), 'veritrail-cli-export-'))
const data = join(root, 'data')

/** Runs the CLI in this process (the code `npx veritrail` runs), collecting its output. */
async function veritrail(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(args, (l) => out.push(l), (l) => err.push(l))
  return { code, out: out.join('\n'), err: err.join('\n') }
}

/** The newest `export` entry of the system trail, read with a core opened read-only. */
async function lastExport(platform: Platform) {
  const page = await platform.core.audit.search({ trail: 'system', action: 'export', limit: '1' })
  return JSON.parse(page.entries[0]!.json)
}

let server: Platform

beforeAll(async () => {
  const seeded = await veritrail('demo', 'seed', '--entries', '40', '--data', data)
  expect(seeded.code, seeded.err).toBe(0)
  // A server's core stays open on the same data directory while the CLI exports.
  server = await openPlatform({ dataDir: data, timeZone: 'Asia/Shanghai', program: 'vitest-server' })
}, 120_000)
afterAll(async () => {
  await server.close()
  rmSync(root, { recursive: true, force: true })
})

describe('veritrail export', () => {
  it('exports a trail as CSV beside a running server, and records the file’s SHA-256', async () => {
    const file = join(root, 'data-trail.csv')
    const r = await veritrail('export', '--format', 'csv', '--trail', 'data', '--out', file, '--data', data)
    expect(r.code, r.err).toBe(0)
    const bytes = readFileSync(file)
    const sha256 = createHash('sha256').update(bytes).digest('hex')
    expect(r.out).toContain(`SHA-256 ${sha256}`)
    const rows = Number(execFileSync('python3', ['-c', "import csv, sys; print(len(list(csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline='')))))", file]).toString())
    const size = Number(/data (\d+)/.exec(r.out)![1])
    expect(rows - 1).toBe(size)
    expect(await lastExport(server)).toMatchObject({ actor: { username: 'system' }, details: { format: 'csv', filter: { trail: 'data' }, sha256, outcome: 'completed' }, client: { userAgent: expect.stringMatching(/^veritrail export \(operating-system user /) } })
    // The server keeps writing through its own core, and the trails stay intact.
    await server.core.recordEvent([{ trail: 'system', actor: server.core.systemContext().actor, action: 'verify', correlationId: 'c-after', client: { ip: '', userAgent: 'vitest' } }])
    expect((await verifyDataDir({ dataDir: data })).ok).toBe(true)
  })

  it('exports a record-scoped PDF in Chinese', async () => {
    const page = await server.core.audit.search({ trail: 'data', action: 'update', limit: '1' })
    const target = JSON.parse(page.entries[0]!.json).target
    const file = join(root, 'record.pdf')
    const r = await veritrail('export', '--format', 'pdf', '--record-type', target.type, '--record-id', target.id, '--locale', 'zh-CN', '--out', file, '--data', data)
    expect(r.code, r.err).toBe(0)
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-']).toString()
    expect(text).toContain('记录报告')
    expect(text).toContain(target.id)
    expect(text).toContain('首次录入后曾修改：是')
  })

  it('refuses a bad request with exit 2 and leaves no file behind', async () => {
    const file = join(root, 'never.csv')
    const r = await veritrail('export', '--format', 'docx', '--out', file, '--data', data)
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/no export format “docx”/)
    expect(() => readFileSync(file)).toThrow()
    expect(() => readFileSync(`${file}.partial`)).toThrow()
    expect((await veritrail('export', '--format', 'csv', '--data', data)).code).toBe(2)
  })
})

describe('veritrail verify-package', () => {
  it('exits 0 on a fresh package, 1 naming what failed after one byte changes, 2 when unreadable', async () => {
    const file = join(root, 'package.zip')
    const exported = await veritrail('export', '--format', 'evidence', '--trail', 'data', '--out', file, '--data', data)
    expect(exported.code, exported.err).toBe(0)
    const key = readFileSync(join(data, 'keys', 'checkpoint.pub'), 'utf8').trim()

    const fresh = await veritrail('verify-package', file)
    expect(fresh.code, fresh.out).toBe(0)
    expect(fresh.out).toMatch(/Key: vt-[0-9a-f]+\+[0-9a-f]{8} \(SHA-256 [0-9a-f]{16}…\) — taken from the package itself/)
    expect(fresh.out).toContain('Result: INTACT')
    expect((await veritrail('verify-package', file, '--key', key)).code).toBe(0)

    // One byte of the first entry changed in place (stored, not compressed? either way: detected).
    const bytes = readFileSync(file)
    const at = bytes.indexOf('entries/00001.jsonl') + 100
    bytes[at] = bytes[at]! ^ 0x20
    const tampered = join(root, 'tampered.zip')
    writeFileSync(tampered, bytes)
    const bad = await veritrail('verify-package', tampered, '--key', key)
    expect(bad.code === 1 || bad.code === 2).toBe(true)
    expect(bad.code === 1 ? bad.out : bad.err).toMatch(/FAILED|cannot be read|invalid/)

    expect((await veritrail('verify-package', join(root, 'missing.zip'))).code).toBe(2)
    expect((await veritrail('verify-package', file, '--key', 'not-a-key')).code).toBe(2)
  })

  it('runs as a process with no server and no database', () => {
    const file = join(root, 'package.zip')
    const r = spawnSync(process.execPath, [BIN, 'verify-package', file], { encoding: 'utf8', env: { ...process.env, VERITRAIL_DATA: join(root, 'nowhere') }, timeout: 60_000 })
    expect(r.status, r.stderr).toBe(0)
    expect(r.stdout).toContain('Result: INTACT')
  })
})
