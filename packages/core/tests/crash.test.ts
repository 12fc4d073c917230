import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { verifyDataDir } from '../src/verify-data.js'
import { tempDir, testCore, sterilisation } from './fixtures.js'

const loader = fileURLToPath(new URL('../../../scripts/dev-loader.mjs', import.meta.url))
const writer = fileURLToPath(new URL('./helpers/crash-writer.ts', import.meta.url))

describe('crash safety', () => {
  it('keeps every acknowledged append when the writer is killed with SIGKILL', async () => {
    const { dir, cleanup } = tempDir('veritrail-crash-')
    try {
      const child = spawn(process.execPath, ['--import', loader, writer, dir], { stdio: ['ignore', 'pipe', 'inherit'] })
      const acked = new Map<string, number>()
      let synchronous = ''
      let buffer = ''
      await new Promise<void>((resolve, reject) => {
        child.on('error', reject)
        child.on('exit', () => resolve())
        child.stdout.on('data', (chunk: Buffer) => {
          buffer += chunk.toString()
          const lines = buffer.split('\n')
          buffer = lines.pop()!
          for (const line of lines) {
            const [kind, a, b] = line.split(' ')
            if (kind === 'synchronous') synchronous = a!
            if (kind === 'ack') acked.set(a!, Number(b))
          }
          if (acked.size >= 400 && !child.killed) child.kill('SIGKILL')
        })
      })
      expect(synchronous).toBe('2') // FULL, read back on the writer connection itself
      expect(acked.size).toBeGreaterThanOrEqual(400)

      const report = await verifyDataDir({ dataDir: dir })
      expect(report.ok).toBe(true)
      expect(report.trails.data.size).toBeGreaterThanOrEqual(acked.size)

      const core = await testCore(dir)
      try {
        for (const [id, seq] of acked) {
          const record = await core.records.get(sterilisation.id, id)
          expect(record.seq).toBe(seq)
        }
        await core.ledger.persistCheckpoints()
      } finally {
        await core.close()
      }
      const after = await verifyDataDir({ dataDir: dir, deep: true })
      expect(after.ok).toBe(true)
      expect(after.trails.data.unanchored).toBe(0)
    } finally {
      cleanup()
    }
  })
})
