import { Worker } from 'node:worker_threads'
import { VeritrailError, type ErrorCode } from '../errors.js'
import { createNativeGuard, stopWorker } from '../worker/native-guard.js'

const ENTRY = new URL('../../backup-worker.mjs', import.meta.url)

interface Slot {
  worker: Worker
  guard: SharedArrayBuffer
  ready: Promise<void>
  pending: Map<number, { resolve(v: unknown): void; reject(e: unknown): void }>
}

/**
 * Long-lived worker threads for the backup engine's heavy work (ARCHITECTURE §5): started once
 * (`warm` at engine start), unref'd so they never keep the process alive, each call sent to the
 * least busy thread. A thread that dies fails its pending calls and is replaced on the next call.
 * Workers get an empty environment; secrets travel only as call arguments, never logged.
 */
export class WorkerPool {
  #slots: (Slot | undefined)[]
  #next = 0

  constructor(readonly size = 2) {
    this.#slots = new Array<Slot | undefined>(size).fill(undefined)
  }

  /** Starts the threads now, so the first call does not wait for them. */
  warm(): void {
    for (let i = 0; i < this.size; i++) this.#slot(i)
  }

  run<T>(module: URL, fn: string, args: unknown[]): Promise<T> {
    let best = 0
    for (let i = 1; i < this.size; i++)
      if ((this.#slots[i]?.pending.size ?? 0) < (this.#slots[best]?.pending.size ?? 0)) best = i
    const slot = this.#slot(best)
    const id = ++this.#next
    return new Promise<T>((resolve, reject) => {
      slot.pending.set(id, { resolve: resolve as (v: unknown) => void, reject })
      slot.worker.ref()
      void slot.ready.then(() => slot.worker.postMessage({ id, module: module.href, fn, args }))
    })
  }

  async close(): Promise<void> {
    const slots = this.#slots.filter((s): s is Slot => s !== undefined)
    this.#slots = this.#slots.map(() => undefined)
    await Promise.all(slots.map((s) => stopWorker(s.worker, s.guard)))
  }

  #slot(i: number): Slot {
    const existing = this.#slots[i]
    if (existing) return existing
    const guard = createNativeGuard()
    const worker = new Worker(ENTRY, {
      workerData: { dev: import.meta.url.endsWith('.ts'), nativeGuard: guard },
      env: {},
      stdout: false,
      stderr: false,
    })
    worker.unref()
    const pending: Slot['pending'] = new Map()
    let started!: () => void
    const slot: Slot = { worker, guard, pending, ready: new Promise<void>((r) => (started = r)) }
    worker.on(
      'message',
      (m: {
        ready?: boolean
        id: number
        ok: boolean
        value?: unknown
        error?: { message: string; code?: string; errors?: []; details?: Record<string, unknown> }
      }) => {
        if (m.ready) return started()
        const call = pending.get(m.id)
        pending.delete(m.id)
        if (pending.size === 0) worker.unref()
        if (!call) return
        if (m.ok) call.resolve(m.value)
        else
          call.reject(
            new VeritrailError((m.error!.code as ErrorCode) ?? 'internal', m.error!.message, {
              ...(m.error!.errors ? { errors: m.error!.errors } : {}),
              ...(m.error!.details ? { details: m.error!.details } : {}),
            }),
          )
      },
    )
    const fail = (error: unknown) => {
      if (this.#slots[i] === slot) this.#slots[i] = undefined
      for (const call of pending.values()) call.reject(error)
      pending.clear()
    }
    worker.on('error', fail)
    worker.on('exit', (code) =>
      fail(
        new VeritrailError(
          'internal',
          `A backup worker thread stopped unexpectedly (exit ${code}).`,
        ),
      ),
    )
    this.#slots[i] = slot
    return slot
  }
}

/** The backup engine's threads, shared by every engine of the process. */
export const backupWorkers = new WorkerPool(2)
