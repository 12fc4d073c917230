import type { Worker } from 'node:worker_threads'

/**
 * Stopping a worker thread safely while it may be inside the `libsql` driver.
 *
 * `worker.terminate()` makes V8 throw an uncatchable termination exception in the worker. If that
 * lands while the driver (a Neon addon) is in a native call, the addon's next N-API call fails and
 * it panics, which aborts the whole process: the server, not just the worker (reproduced on Node
 * 20 with libsql 0.5: three workers querying, terminated at random, abort within ~200 rounds).
 *
 * So every call into the driver in a worker goes through `guardedNative`, and the owner stops a
 * worker with `stopWorker`: it raises a shared "stopping" flag, waits until no call is inside the
 * driver, then terminates. A call that starts after the flag is raised parks on `Atomics.wait`
 * instead of entering the driver (the owner's terminate ends the wait). Both sides use sequentially
 * consistent atomics in opposite order (count then flag; flag then count), so either the owner sees
 * the call counted and waits for it, or the call sees the flag and never enters.
 *
 * Layout of the shared buffer: [0] stopping flag, [1] calls inside the driver.
 */
const KEY = Symbol.for('veritrail.nativeGuard')
const STOPPING = 0
const INSIDE = 1

type GuardHolder = { [KEY]?: Int32Array }

/**
 * A new guard for one worker, passed to it in `workerData.nativeGuard` (shared, not copied); the
 * worker's entry script installs it as `globalThis[Symbol.for('veritrail.nativeGuard')]` (an
 * `Int32Array` over it) before anything opens a connection.
 */
export function createNativeGuard(): SharedArrayBuffer {
  return new SharedArrayBuffer(8)
}

/** Runs `call` (a call into the driver); on a thread without a guard it just runs it. */
export function guardedNative<T>(call: () => T): T {
  const guard = (globalThis as GuardHolder)[KEY]
  if (guard === undefined) return call()
  Atomics.add(guard, INSIDE, 1)
  if (Atomics.load(guard, STOPPING) !== 0) {
    Atomics.sub(guard, INSIDE, 1)
    // Being stopped: never enter the driver again; terminate() ends this wait.
    for (;;) Atomics.wait(guard, STOPPING, 1)
  }
  try {
    return call()
  } finally {
    Atomics.sub(guard, INSIDE, 1)
  }
}

/**
 * Terminates `worker` once no call of its is inside the driver. A driver call is one SQL
 * statement; if one runs longer than `graceMs` the worker is terminated anyway (and the process
 * takes that risk rather than hang).
 */
export async function stopWorker(worker: Worker, buffer: SharedArrayBuffer, graceMs = 30_000): Promise<void> {
  const guard = new Int32Array(buffer)
  Atomics.store(guard, STOPPING, 1)
  const deadline = Date.now() + graceMs
  while (Atomics.load(guard, INSIDE) !== 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 1))
  await worker.terminate()
}
