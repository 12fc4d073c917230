// The real server (apps/server/src/main.ts) as a child process, killed with SIGKILL in the middle
// of concurrent writes: every write it acknowledged must be there after a restart, and both
// trails must verify, through the API and with the CLI.
import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ADMIN_INITIAL, adminToken, client, person } from './harness.js'
import { signIn } from './helpers.js'
import { cliVerify, freePort, startServerProcess, type ServerProcess } from './process.js'

const IN_FLIGHT = 16
const KILL_AFTER = 120
const SUPPLIER = 'meddev.supplierQualification'

const dir = mkdtempSync(join(tmpdir(), 'veritrail-crash-'))
const servers: ServerProcess[] = []
afterAll(() => {
  for (const { child } of servers)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  rmSync(dir, { recursive: true, force: true })
})

async function start(port: number): Promise<ServerProcess> {
  const server = await startServerProcess(dir, port, {
    VERITRAIL_ADMIN_PASSWORD: ADMIN_INITIAL,
    VERITRAIL_TZ: 'Asia/Shanghai',
  })
  servers.push(server)
  return server
}

describe('crash safety', () => {
  it('keeps every acknowledged write through SIGKILL mid-stream, and both trails verify', async () => {
    const port = await freePort()
    const first = await start(port)
    let api = client(first.url)
    const admin = await adminToken(api)
    const operator = await person(api, admin, 'crash-operator', ['operator'])

    // 16 requests in flight: records, with an attachment every fourth request.
    const records = new Map<string, string>()
    const attachments = new Set<string>()
    let next = 1000
    let failures = 0
    let killed = false
    const worker = async () => {
      while (!killed) {
        const n = next++
        try {
          if (n % 4 === 0) {
            const bytes = `instrument file ${n} ${'x'.repeat(n % 200)}`
            const res = await api('POST', '/api/v1/attachments', {
              token: operator.token,
              raw: bytes,
              headers: { 'content-type': 'text/plain' },
            })
            if (res.status === 201)
              attachments.add(createHash('sha256').update(bytes).digest('hex'))
            else if (!killed) throw new Error(res.text)
          } else {
            const data = {
              supplierCode: `SUP-${n}`,
              supplierName: `供应商 ${n}`,
              scope: 'Housings',
              supplierClass: 'B',
              qualificationStatus: 'pending',
            }
            const res = await api('POST', `/api/v1/records/${SUPPLIER}`, {
              token: operator.token,
              body: { data },
            })
            if (res.status === 201) records.set(res.json.id, data.supplierCode)
            else if (!killed) throw new Error(res.text)
          }
        } catch (error) {
          if (!killed) throw error
          failures++
        }
        if (records.size + attachments.size >= KILL_AFTER && !killed) {
          killed = true
          first.child.kill('SIGKILL')
        }
      }
    }
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker))
    expect(await first.exited()).toEqual({ code: null, signal: 'SIGKILL' })
    expect(records.size).toBeGreaterThan(50)
    expect(failures, 'requests were in flight when the server died').toBeGreaterThan(0)

    // The crashed directory verifies as it is (the CLI recovers the WAL itself).
    const crashed = cliVerify(dir)
    expect(crashed.status, crashed.output).toBe(0)

    // Restart on the same data: every acknowledged write is there.
    const second = await start(port)
    api = client(second.url)
    const admin2 = await adminToken(api)
    const reader = await signIn(api, 'crash-operator', operator.password)
    for (const [id, code] of records) {
      const res = await api('GET', `/api/v1/records/${SUPPLIER}/${id}`, { token: reader })
      expect(res.status, `acknowledged record ${id} is lost`).toBe(200)
      expect(res.json.data.supplierCode).toBe(code)
      expect(res.json.version).toBe(1)
      const entries = await api('GET', `/api/v1/audit?trail=data&recordId=${id}`, { token: reader })
      expect(entries.json.entries.map((e: { action: string }) => e.action)).toEqual(['create'])
    }
    for (const sha of attachments)
      expect((await api('GET', `/api/v1/attachments/${sha}`, { token: reader })).status, sha).toBe(
        200,
      )
    const verify = await api('POST', '/api/v1/audit/verify', { token: admin2 })
    expect(verify.status, verify.text).toBe(200)
    expect(verify.json.ok).toBe(true)
    expect(verify.json.trails.data.size).toBeGreaterThanOrEqual(records.size)
    expect(
      verify.json.trails.data.size,
      'at most the requests in flight were written unanswered',
    ).toBeLessThanOrEqual(records.size + IN_FLIGHT)
    const restart = await api('GET', '/api/v1/audit?trail=system&action=system_start', {
      token: reader,
    })
    expect(restart.json.entries.length).toBe(2)

    // A clean stop writes the final checkpoints; the CLI then verifies the directory again.
    second.child.kill('SIGTERM')
    expect(await second.exited()).toEqual({ code: 0, signal: null })
    const stopped = cliVerify(dir)
    expect(stopped.status, stopped.output).toBe(0)
    expect(stopped.output).toMatch(/data/)
  }, 180_000)
})
