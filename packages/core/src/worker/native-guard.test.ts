import { describe, expect, it } from 'vitest'
import { runInWorker } from './run-in-worker.js'

const FIXTURE = new URL('./native-guard.fixture.ts', import.meta.url)

async function settle(view: Int32Array, index: number, ms: number): Promise<number> {
  const until = Date.now() + ms
  while (Atomics.load(view, index) === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 10))
  return Atomics.load(view, index)
}

describe('stopping a worker thread around database driver calls', () => {
  it('waits for a driver call in progress to finish before terminating the thread', async () => {
    const marks = new SharedArrayBuffer(8)
    const view = new Int32Array(marks)
    // Times out (and is stopped) while its 1.5 s "driver call" is running.
    await expect(runInWorker(FIXTURE, 'slowNativeCall', [marks, 1500, false], { timeoutMs: 800 })).rejects.toThrow(/did not finish/)
    expect(Atomics.load(view, 0)).toBe(0)
    // A terminate at the timeout would leave the mark unset for ever.
    expect(await settle(view, 0, 5000)).toBe(1)
  })

  it('lets no driver call start once the thread is being stopped, and still terminates it', async () => {
    const marks = new SharedArrayBuffer(8)
    const view = new Int32Array(marks)
    // Stopped at 300 ms, between the first call (done at 200 ms) and the second (at 400 ms).
    await expect(runInWorker(FIXTURE, 'slowNativeCall', [marks, 200, true], { timeoutMs: 300 })).rejects.toThrow(/did not finish/)
    expect(await settle(view, 0, 2000)).toBe(1)
    await new Promise((r) => setTimeout(r, 600))
    expect(Atomics.load(view, 1)).toBe(0)
  })
})
