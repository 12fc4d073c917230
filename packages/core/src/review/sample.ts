/**
 * A reproducible random sample of sequence numbers in [from, to] for QA spot checks (R-RV-07):
 * the same seed always gives the same selection (mulberry32), sorted.
 */
export function sampleSeqs(seed: number, from: number, to: number, size: number): number[] {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const span = to - from + 1
  const picked = new Set<number>()
  while (picked.size < Math.min(size, span)) picked.add(from + Math.floor(next() * span))
  return [...picked].sort((a, b) => a - b)
}
