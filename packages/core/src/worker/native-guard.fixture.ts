import { guardedNative } from './native-guard.js'

/**
 * Test fixture (native-guard.test.ts), run in a worker by `runInWorker`: one "driver call" that
 * takes `callMs` and then marks `marks[0]`, then JS that never ends; and, when `after` is set,
 * a second call that must never start once the thread is being stopped (it would mark `marks[1]`).
 */
export function slowNativeCall(marks: SharedArrayBuffer, callMs: number, after: boolean): never {
  const view = new Int32Array(marks)
  guardedNative(() => {
    const until = Date.now() + callMs
    while (Date.now() < until);
    Atomics.store(view, 0, 1)
  })
  if (after) {
    // wait until the owner has asked to stop (the guard's flag is visible as the stop request)
    const until = Date.now() + callMs
    while (Date.now() < until);
    guardedNative(() => Atomics.store(view, 1, 1))
  }
  for (;;);
}
