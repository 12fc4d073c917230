import * as Comlink from './comlink.js'
import { VeritrailError } from '../../errors.js'

/** A started sandbox seen as a message pipe: a child process's IPC channel or a worker's port. */
export interface RawSandbox {
  send(message: unknown): void
  onMessage(listener: (message: unknown) => void): void
  /** Called once when the sandbox is gone, with a sentence saying why. */
  onExit(listener: (reason: string) => void): void
  /** Stops the sandbox at once (SIGKILL, `worker.terminate()`). */
  kill(): void
}

/** Limits of one sandbox link. */
export interface LinkTimeouts {
  /** How long the sandbox may take to say it is ready. */
  startMs: number
}

/** What the sandbox may ask the host while a rule runs: read-only queries of that call's `ctx`. */
export interface HostQueries {
  query(callId: string, method: string, args: unknown[]): Promise<unknown>
}

type Message = { vt?: string; data?: unknown }
type Handler = (event: { data: unknown }) => void

/**
 * comlink over a sandbox, made safe (comlink alone waits forever for a dead peer, comlink
 * issue 601): a ready handshake with a timeout, a timeout on every call that kills the sandbox,
 * and every pending call rejected as soon as the sandbox exits.
 */
export class SandboxLink<T> {
  readonly #raw: RawSandbox
  readonly #name: string
  readonly #remote: Comlink.Remote<T>
  readonly #pending = new Set<(error: Error) => void>()
  #exit: string | undefined

  private constructor(
    raw: RawSandbox,
    name: string,
    host: HostQueries,
    handlers: Map<string, Set<Handler>>,
  ) {
    this.#raw = raw
    this.#name = name
    this.#remote = Comlink.wrap<T>(endpoint(raw, 'a', handlers))
    Comlink.expose(host, endpoint(raw, 'b', handlers))
    raw.onExit((reason) => {
      this.#exit = reason
      for (const reject of this.#pending) reject(this.#stopped(reason))
      this.#pending.clear()
    })
  }

  /**
   * Waits for the sandbox's ready message, then links to it.
   *
   * @throws VeritrailError `plugin_error` when it exits or stays silent for `startMs`.
   */
  static async open<T>(
    raw: RawSandbox,
    name: string,
    host: HostQueries,
    timeouts: LinkTimeouts,
  ): Promise<SandboxLink<T>> {
    const handlers = new Map<string, Set<Handler>>([
      ['a', new Set()],
      ['b', new Set()],
    ])
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        raw.kill()
        reject(
          new VeritrailError(
            'plugin_error',
            `${name} did not start within ${timeouts.startMs} ms; it was stopped.`,
          ),
        )
      }, timeouts.startMs)
      raw.onExit((reason) => {
        clearTimeout(timer)
        reject(new VeritrailError('plugin_error', `${name} stopped while starting: ${reason}`))
      })
      raw.onMessage((message) => {
        const m = message as Message
        if (m?.vt === 'ready') {
          clearTimeout(timer)
          resolve()
        } else if (m?.vt !== undefined) {
          for (const handler of handlers.get(m.vt) ?? []) handler({ data: m.data })
        }
      })
    })
    await ready
    return new SandboxLink<T>(raw, name, host, handlers)
  }

  /** Whether the sandbox is still running. */
  get alive(): boolean {
    return this.#exit === undefined
  }

  /**
   * Calls into the sandbox. Rejects when the sandbox exits first, and when `timeoutMs` passes:
   * then the sandbox is killed (a rule that loops forever cannot be interrupted any other way),
   * which also rejects every other pending call.
   *
   * @throws VeritrailError `plugin_error` naming the sandbox and what happened.
   */
  call<R>(
    what: string,
    invoke: (remote: Comlink.Remote<T>) => Promise<R>,
    timeoutMs: number,
  ): Promise<R> {
    if (this.#exit !== undefined) return Promise.reject(this.#stopped(this.#exit))
    return new Promise<R>((resolve, reject) => {
      const settle = (fn: () => void) => {
        clearTimeout(timer)
        this.#pending.delete(onExit)
        fn()
      }
      const onExit = (error: Error) => settle(() => reject(error))
      const timer = setTimeout(() => {
        settle(() =>
          reject(
            new VeritrailError(
              'plugin_error',
              `${this.#name}: ${what} did not finish within ${timeoutMs} ms; the sandbox was stopped.`,
              { details: { timeout: true } },
            ),
          ),
        )
        this.kill(`${what} did not finish within ${timeoutMs} ms.`)
      }, timeoutMs)
      this.#pending.add(onExit)
      invoke(this.#remote).then(
        (value) => settle(() => resolve(value)),
        (error: unknown) => settle(() => reject(this.#failed(what, error))),
      )
    })
  }

  /** Stops the sandbox; pending calls reject at once, later calls too. */
  kill(reason = 'it was stopped by the host.'): void {
    this.#exit ??= reason
    for (const reject of this.#pending) reject(this.#stopped(reason))
    this.#pending.clear()
    this.#raw.kill()
  }

  #stopped(reason: string): VeritrailError {
    return new VeritrailError('plugin_error', `${this.#name} stopped: ${reason}`, {
      details: { crashed: true },
    })
  }

  #failed(what: string, error: unknown): VeritrailError {
    const message = error instanceof Error ? error.message : String(error)
    return new VeritrailError('plugin_error', `${this.#name}: ${what} failed: ${message}`, {
      cause: error,
    })
  }
}

/** A comlink endpoint for one of the two links multiplexed over the sandbox's message pipe. */
function endpoint(
  raw: RawSandbox,
  tag: 'a' | 'b',
  handlers: Map<string, Set<Handler>>,
): Comlink.Endpoint {
  const set = handlers.get(tag)!
  const link = {
    postMessage: (data: unknown) => raw.send({ vt: tag, data }),
    addEventListener: (_type: string, handler: Handler) => set.add(handler),
    removeEventListener: (_type: string, handler: Handler) => set.delete(handler),
  }
  // comlink types its endpoint with DOM event types, which a Node build does not have.
  return link as unknown as Comlink.Endpoint
}
