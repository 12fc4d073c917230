import type { RuleWindow } from './schema.js'

/** `log` holds time, seq, time, seq … of the entries counted; those before `head` have left the window. */
interface KeyState {
  log: number[]
  head: number
  fired: boolean
}

/** A completed burst: how many entries with the key fall in the window, and their seqs. */
export interface Burst {
  count: number
  seqs: number[]
}

const SWEEP_EVERY = 50_000

/**
 * Sliding-window counts per key for one rule in one run. Fires once per burst: when the count
 * reaches `atLeast`, and again only after the window has dropped below it. Entries before the
 * scope (lookback) are counted but never fire, so a burst that straddles the scope's start is
 * still reported inside the scope.
 */
export class WindowCounter {
  readonly #windowMs: number
  readonly #atLeast: number
  readonly #keys = new Map<string, KeyState>()
  #adds = 0

  constructor(window: RuleWindow) {
    this.#windowMs = window.minutes * 60_000
    this.#atLeast = window.atLeast
  }

  /** Counts one matching entry; returns the burst when this entry completes one. */
  add(key: string, ms: number, seq: number, reportable: boolean): Burst | undefined {
    if (++this.#adds % SWEEP_EVERY === 0) this.#sweep(ms)
    let state = this.#keys.get(key)
    if (!state) {
      state = { log: [], head: 0, fired: false }
      this.#keys.set(key, state)
    }
    const since = ms - this.#windowMs
    const log = state.log
    while (state.head < log.length && log[state.head]! < since) state.head += 2
    if (state.head > 512 && state.head * 2 > log.length) {
      state.log = log.slice(state.head)
      state.head = 0
    }
    if ((state.log.length - state.head) / 2 < this.#atLeast) state.fired = false
    state.log.push(ms, seq)
    const count = (state.log.length - state.head) / 2
    if (count < this.#atLeast || state.fired || !reportable) return undefined
    state.fired = true
    const seqs: number[] = []
    for (let i = state.head + 1; i < state.log.length; i += 2) seqs.push(state.log[i]!)
    return { count, seqs }
  }

  /** Drops keys with nothing left in the window, so memory follows activity, not history. */
  #sweep(ms: number): void {
    const since = ms - this.#windowMs
    for (const [key, state] of this.#keys) if (state.log.at(-2)! < since) this.#keys.delete(key)
  }
}
