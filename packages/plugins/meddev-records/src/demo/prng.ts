/**
 * mulberry32: a tiny, fast 32-bit PRNG. Not for secrets; here it makes demo data reproducible
 * from a seed. Returns floats in [0, 1).
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Seeded random choices for the demo generator. */
export class Random {
  readonly #next: () => number

  constructor(seed: number) {
    this.#next = mulberry32(seed)
  }

  /** A float in [0, 1). */
  float(): number {
    return this.#next()
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.#next() * (max - min + 1))
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.#next() < p
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list')
    return items[Math.floor(this.#next() * items.length)]!
  }

  /** One of `entries` with probability proportional to its weight. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    let roll = this.#next() * entries.reduce((sum, [, weight]) => sum + weight, 0)
    for (const [item, weight] of entries) {
      roll -= weight
      if (roll < 0) return item
    }
    return entries.at(-1)![0]
  }

  /** A decimal string in [min, max] with exactly `places` digits after the dot. */
  decimal(min: number, max: number, places: number): string {
    return (min + this.#next() * (max - min)).toFixed(places)
  }

  /** `bytes` random bytes as lower-case hex (stand-ins for attachment hashes). */
  hex(bytes: number): string {
    let out = ''
    for (let i = 0; i < bytes; i++) out += this.int(0, 255).toString(16).padStart(2, '0')
    return out
  }
}
