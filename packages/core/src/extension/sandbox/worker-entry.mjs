// The entry of a sandbox worker thread (started by worker-sandbox.ts with `env: {}`,
// `execArgv: []` and resource limits). workerData: { comlinkUrl, contextUrl, loaderUrl? }; the
// loader lets a first-party plugin (and the review context) run from TypeScript sources.
import { parentPort, workerData } from 'node:worker_threads'

// Counts database driver calls, so the host never terminates this thread inside one (native-guard.ts).
if (workerData.nativeGuard) globalThis[Symbol.for('veritrail.nativeGuard')] = new Int32Array(workerData.nativeGuard)
if (workerData.loaderUrl) await import(workerData.loaderUrl)
const Comlink = await import(workerData.comlinkUrl)
const { serve } = await import('./runtime.mjs')

serve({
  Comlink,
  contextUrl: workerData.contextUrl,
  send: (message) => parentPort.postMessage(message),
  onMessage: (cb) => parentPort.on('message', cb),
})
