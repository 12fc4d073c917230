import { Worker } from 'node:worker_threads'
import { pathToFileURL } from 'node:url'
import { exitReason, tailBuffer } from './exit-reason.js'
import type { SandboxLimits } from './limits.js'
import { SANDBOX_CONTEXT_MODULE } from './sandbox-context.js'
import { createNativeGuard, stopWorker } from '../../worker/native-guard.js'
import type { RawSandbox } from './sandbox-link.js'
import { COMLINK_FILE, devLoaderUrl, WORKER_ENTRY } from './sandbox-files.js'

/**
 * Starts a worker thread for first-party code: an empty `process.env`, no inherited
 * `execArgv`, a heap limit. Worker threads isolate faults (a loop, a crash, a heap overflow),
 * not hostile code: they share the process's file access, which is why third-party code runs in
 * `startProcessSandbox` instead.
 */
export function startWorkerSandbox(limits: Pick<SandboxLimits, 'memoryMb'>): RawSandbox {
  const stderr = tailBuffer()
  const guard = createNativeGuard()
  const worker = new Worker(WORKER_ENTRY, {
    workerData: {
      nativeGuard: guard,
      comlinkUrl: pathToFileURL(COMLINK_FILE).href,
      contextUrl: SANDBOX_CONTEXT_MODULE,
      loaderUrl: devLoaderUrl(),
    },
    env: {},
    execArgv: [],
    stdout: true,
    stderr: true,
    resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb },
  })
  worker.stderr.on('data', (chunk: Buffer) => stderr.push(chunk))
  worker.stdout.resume()
  let error = ''
  worker.on('error', (e) => {
    error = e.message
  })
  const exited = new Promise<string>((resolve) => {
    worker.once('exit', (code) => resolve(exitReason(code, null, `${stderr.text()}\n${error}`)))
  })
  let gone = false
  void exited.then(() => (gone = true))
  return {
    send: (message) => {
      if (!gone) worker.postMessage(message)
    },
    onMessage: (listener) => worker.on('message', listener),
    onExit: (listener) => void exited.then(listener),
    // A first-party rule reads the database in the worker: never stop it inside a driver call.
    kill: () => void stopWorker(worker, guard),
  }
}
