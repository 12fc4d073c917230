import { Worker, type ResourceLimits } from 'node:worker_threads'
import { VeritrailError, type ErrorCode } from '../errors.js'
import { createNativeGuard, stopWorker } from './native-guard.js'

const ENTRY = new URL('../../worker-entry.mjs', import.meta.url)

/**
 * Runs `module[fn](...args, progress)` in a worker thread and resolves with its result, so long
 * work (verify, exports, backups) never stalls the event loop (ARCHITECTURE §5). The worker gets
 * an empty environment; a core error thrown inside keeps its code. The worker is stopped when the
 * result arrives, on error, when `signal` aborts or after `timeoutMs` — never in the middle of a
 * database call (`stopWorker`: that would abort the process). `resourceLimits` caps its heap (a
 * job that streams needs little, and V8 otherwise lets garbage grow to hundreds of MB before
 * collecting).
 */
export function runInWorker<T>(
  module: URL,
  fn: string,
  args: unknown[],
  options: { onProgress?: (value: unknown) => void; timeoutMs?: number; resourceLimits?: ResourceLimits; signal?: AbortSignal } = {},
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const guard = createNativeGuard()
    const worker = new Worker(ENTRY, {
      workerData: { module: module.href, fn, args, nativeGuard: guard },
      env: {},
      stdout: false,
      stderr: false,
      ...(options.resourceLimits ? { resourceLimits: options.resourceLimits } : {}),
    })
    let settled = false
    const finish = (action: () => void) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      void stopWorker(worker, guard)
      action()
    }
    const timer = options.timeoutMs
      ? setTimeout(() => finish(() => reject(new VeritrailError('internal', `The background task ${fn} did not finish within ${options.timeoutMs} ms and was stopped.`))), options.timeoutMs)
      : undefined
    worker.on('message', (message: { type: string; value: unknown }) => {
      if (message.type === 'progress') options.onProgress?.(message.value)
      else if (message.type === 'result') finish(() => resolve(message.value as T))
      else {
        const e = message.value as { message: string; code?: string; errors?: [] }
        finish(() => reject(new VeritrailError((e.code as ErrorCode) ?? 'internal', e.message, e.errors ? { errors: e.errors } : {})))
      }
    })
    options.signal?.addEventListener('abort', () => finish(() => reject(new VeritrailError('internal', `The background task ${fn} was cancelled.`))), { once: true })
    worker.on('error', (error) => finish(() => reject(error)))
    worker.on('exit', (code) => finish(() => reject(new VeritrailError('internal', `The background task ${fn} stopped unexpectedly (exit ${code}).`))))
  })
}
