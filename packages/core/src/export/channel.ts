// The file of an export running in a worker thread travels to the main thread in chunks, with
// back-pressure through a SharedArrayBuffer: the worker counts the bytes it posted, the main
// thread subtracts what the client consumed, and the worker waits while too much is in flight.
// So a slow download slows the export down instead of piling the file up in memory.

/** Size of the shared buffer: [bytes in flight, cancelled]. */
export const CHANNEL_BYTES = 8
const IN_FLIGHT = 0
const CANCELLED = 1
/** The most bytes posted and not yet consumed before the worker waits. */
const HIGH_WATER = 4 * 1024 * 1024

type WaitAsync = (view: Int32Array, index: number, value: number, timeout?: number) => { async: boolean; value: Promise<string> | string }
const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync

/** The worker's end: a sink that posts chunks and waits while the main thread is behind. */
export function channelSink(buffer: SharedArrayBuffer, post: (chunk: Uint8Array) => void) {
  const view = new Int32Array(buffer)
  return {
    cancelled: () => Atomics.load(view, CANCELLED) === 1,
    async sink(chunk: Uint8Array): Promise<void> {
      Atomics.add(view, IN_FLIGHT, chunk.byteLength)
      post(chunk)
      for (let inFlight = Atomics.load(view, IN_FLIGHT); inFlight > HIGH_WATER; inFlight = Atomics.load(view, IN_FLIGHT)) {
        if (Atomics.load(view, CANCELLED) === 1) return
        const waited = waitAsync(view, IN_FLIGHT, inFlight, 1000)
        if (waited.async) await waited.value
      }
    },
  }
}

/**
 * The main thread's end: chunks pushed as the worker posts them, read by the HTTP response
 * through `stream`. It closes only after `finish` (the export recorded), and errors on `fail`,
 * so a client never receives a cut-off file as a complete one.
 */
export class ChunkStream {
  readonly #view: Int32Array
  readonly #chunks: Uint8Array[] = []
  #state: 'open' | 'finished' | 'failed' = 'open'
  #error: unknown
  #wake: (() => void) | undefined
  #started: { promise: Promise<void>; resolve: () => void }
  readonly stream: ReadableStream<Uint8Array>

  constructor(buffer: SharedArrayBuffer) {
    this.#view = new Int32Array(buffer)
    let resolve!: () => void
    this.#started = { promise: new Promise<void>((r) => (resolve = r)), resolve }
    this.stream = new ReadableStream<Uint8Array>(
      {
        pull: (controller) => this.#pull(controller),
        cancel: () => this.cancel(),
      },
      { highWaterMark: 0 },
    )
  }

  /** Resolves once there is a first chunk or the export ended; rejects if it failed first. */
  async started(): Promise<void> {
    await this.#started.promise
    if (this.#state === 'failed' && this.#chunks.length === 0) throw this.#error
  }

  push(chunk: Uint8Array): void {
    this.#chunks.push(chunk)
    this.#signal()
  }

  finish(): void {
    this.#state = 'finished'
    this.#signal()
  }

  fail(error: unknown): void {
    this.#state = 'failed'
    this.#error = error
    this.#signal()
  }

  /** Tells the worker to stop (the client went away). */
  cancel(): void {
    Atomics.store(this.#view, CANCELLED, 1)
    Atomics.notify(this.#view, IN_FLIGHT)
  }

  #signal(): void {
    this.#started.resolve()
    this.#wake?.()
    this.#wake = undefined
  }

  async #pull(controller: ReadableStreamDefaultController<Uint8Array>): Promise<void> {
    while (this.#chunks.length === 0 && this.#state === 'open') await new Promise<void>((r) => (this.#wake = r))
    const chunk = this.#chunks.shift()
    if (chunk) {
      controller.enqueue(chunk)
      Atomics.sub(this.#view, IN_FLIGHT, chunk.byteLength)
      Atomics.notify(this.#view, IN_FLIGHT)
    } else if (this.#state === 'finished') {
      controller.close()
    } else {
      controller.error(this.#error)
    }
  }
}
