import { guardedNative } from './native-guard.js'

/** Marks the fixture sets in a shared Int32Array (native-guard.test.ts). */
export const ENTERED = 0
export const DONE = 1
export const LATE = 2

/**
 * Test fixture, run in a worker by `runInWorker`: a "driver call" that marks `ENTERED`, runs for
 * `callMs` and marks `DONE`; then, with `late`, waits (outside any driver call) until the owner
 * asks the thread to stop and tries another driver call, which would mark `LATE`; then JS that
 * never ends.
 */
export function slowNativeCall(marks: SharedArrayBuffer, callMs: number, late: boolean): never {
  const view = new Int32Array(marks)
  guardedNative(() => {
    Atomics.store(view, ENTERED, 1)
    const until = Date.now() + callMs
    while (Date.now() < until);
    Atomics.store(view, DONE, 1)
  })
  if (late) {
    const guard = (globalThis as { [k: symbol]: Int32Array | undefined })[Symbol.for('veritrail.nativeGuard')]!
    while (Atomics.load(guard, 0) === 0);
    guardedNative(() => Atomics.store(view, LATE, 1))
  }
  for (;;);
}
