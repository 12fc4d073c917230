// Entry point of every worker thread the core starts (plain JS: Node 20 cannot start a worker
// from a .ts file). It runs one exported function of a module and posts the result back; from
// TypeScript sources it first registers the repository's dev loader (tsx + "development").
import { parentPort, workerData } from 'node:worker_threads'

const { module, fn, args, nativeGuard } = workerData
// Counts database driver calls, so the owner never terminates this thread inside one (native-guard.ts).
if (nativeGuard) globalThis[Symbol.for('veritrail.nativeGuard')] = new Int32Array(nativeGuard)
try {
  if (module.endsWith('.ts')) await import(new URL('../../scripts/dev-loader.mjs', import.meta.url).href)
  const mod = await import(module)
  const progress = (value) => parentPort.postMessage({ type: 'progress', value })
  const result = await mod[fn](...args, progress)
  parentPort.postMessage({ type: 'result', value: result })
} catch (error) {
  parentPort.postMessage({ type: 'error', value: { message: error?.message ?? String(error), code: error?.code, errors: error?.errors } })
}
