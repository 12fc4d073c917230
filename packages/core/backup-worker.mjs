// A long-lived worker thread of the backup engine (plain JS: Node 20 cannot start a worker from
// a .ts file). It stays up between calls, so sealing, restoring and checking pay the thread's
// start — and, from TypeScript sources, the dev loader's — once, not per call. Each message
// names a module, an exported function and its arguments; the answer carries the call's id.
import { parentPort, workerData } from 'node:worker_threads'

// Counts database driver calls, so the owner never terminates this thread inside one (native-guard.ts).
if (workerData?.nativeGuard) globalThis[Symbol.for('veritrail.nativeGuard')] = new Int32Array(workerData.nativeGuard)
if (workerData?.dev) await import(new URL('../../scripts/dev-loader.mjs', import.meta.url).href)
parentPort.on('message', async ({ id, module, fn, args }) => {
  try {
    const mod = await import(module)
    parentPort.postMessage({ id, ok: true, value: await mod[fn](...args) })
  } catch (error) {
    parentPort.postMessage({
      id,
      ok: false,
      error: {
        message: error?.message ?? String(error),
        code: error?.code,
        errors: error?.errors,
        details: error?.details,
      },
    })
  }
})
parentPort.postMessage({ ready: true })
