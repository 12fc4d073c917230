import { describe, expect, it } from 'vitest'
import { DONE, ENTERED, LATE } from './native-guard.fixture.js'
import { runInWorker } from './run-in-worker.js'

const FIXTURE = new URL('./native-guard.fixture.ts', import.meta.url)

/** Waits (up to `ms`) for `view[index]` to be set; its value then. */
async function mark(view: Int32Array, index: number, ms = 20_000): Promise<number> {
  const until = Date.now() + ms
  while (Atomics.load(view, index) === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 5))
  return Atomics.load(view, index)
}

/** Starts the fixture, and cancels it once its first driver call has begun. */
async function cancelInsideCall(callMs: number, late: boolean): Promise<Int32Array> {
  const view = new Int32Array(new SharedArrayBuffer(12))
  const cancel = new AbortController()
  const job = runInWorker(FIXTURE, 'slowNativeCall', [view.buffer, callMs, late], { signal: cancel.signal })
  expect(await mark(view, ENTERED)).toBe(1)
  cancel.abort()
  await expect(job).rejects.toThrow(/cancelled/)
  return view
}

describe('stopping a worker thread around database driver calls', () => {
  it('waits for a driver call in progress to finish before terminating the thread', async () => {
    const view = await cancelInsideCall(1000, false)
    // Stopped while its 1 s "driver call" runs: terminating at once would leave DONE unset for ever.
    expect(await mark(view, DONE)).toBe(1)
  })

  it('lets no driver call start once the thread is being stopped, and still terminates it', async () => {
    const view = await cancelInsideCall(50, true)
    expect(await mark(view, DONE)).toBe(1)
    // The fixture tries its second call only after seeing the stop request.
    expect(await mark(view, LATE, 1000)).toBe(0)
  })
})
