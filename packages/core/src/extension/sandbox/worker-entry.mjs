// The entry of a sandbox worker thread (started by worker-sandbox.ts with `env: {}`,
// `execArgv: []` and resource limits). workerData: { comlinkUrl, loaderUrl? }; the loader lets
// a first-party plugin run from its TypeScript sources.
import { parentPort, workerData } from 'node:worker_threads'

if (workerData.loaderUrl) await import(workerData.loaderUrl)
const Comlink = await import(workerData.comlinkUrl)
const { serve } = await import('./runtime.mjs')

serve({
  Comlink,
  send: (message) => parentPort.postMessage(message),
  onMessage: (cb) => parentPort.on('message', cb),
})
