import { wrap, type Remote } from 'comlink'
import type { VerifierApi } from './verify.worker.ts'
import type { VerificationInput, VerificationResult } from './verify-entry.ts'

const TIMEOUT_MS = 15_000

/**
 * The page's handle on the verification Web Worker, so hashing never blocks input. A dead or
 * stuck worker fails the pending call (comlink alone would wait forever) and is replaced.
 */
export class Verifier {
  #worker: Worker | undefined
  #remote: Remote<VerifierApi> | undefined
  #pending = new Set<(error: Error) => void>()

  verifyEntry(input: VerificationInput): Promise<VerificationResult> {
    return this.#call<VerificationResult>((api) => api.verifyEntry(input))
  }

  fingerprintOf(publicKey: string): Promise<string | undefined> {
    return this.#call<string | undefined>((api) => api.fingerprintOf(publicKey))
  }

  dispose(): void {
    this.#fail(new Error('The verifier was closed.'))
  }

  #call<T>(run: (api: Remote<VerifierApi>) => Promise<T>): Promise<T> {
    const api = this.#start()
    return new Promise<T>((resolve, reject) => {
      const abort = (error: Error) => {
        clearTimeout(timer)
        this.#pending.delete(abort)
        reject(error)
      }
      const timer = setTimeout(() => {
        this.#fail(new Error('The verification took too long.'))
      }, TIMEOUT_MS)
      this.#pending.add(abort)
      run(api).then(
        (value) => {
          clearTimeout(timer)
          this.#pending.delete(abort)
          resolve(value)
        },
        (error: unknown) => abort(error instanceof Error ? error : new Error(String(error))),
      )
    })
  }

  #start(): Remote<VerifierApi> {
    if (this.#remote) return this.#remote
    const worker = new Worker(new URL('./verify.worker.ts', import.meta.url), { type: 'module' })
    worker.addEventListener('error', () =>
      this.#fail(new Error('The verification worker stopped.')),
    )
    this.#worker = worker
    this.#remote = wrap<VerifierApi>(worker)
    return this.#remote
  }

  #fail(error: Error): void {
    for (const abort of [...this.#pending]) abort(error)
    this.#worker?.terminate()
    this.#worker = undefined
    this.#remote = undefined
  }
}
