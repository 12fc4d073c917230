import { describe, expect, it } from 'vitest'
import { WindowCounter } from './window.js'

const MIN = 60_000

describe('window counts', () => {
  it('fires once per burst, when the count reaches atLeast within the window', () => {
    const w = new WindowCounter({ minutes: 30, atLeast: 3, by: 'field' })
    expect(w.add('k', 0, 1, true)).toBeUndefined()
    expect(w.add('k', 10 * MIN, 2, true)).toBeUndefined()
    expect(w.add('k', 20 * MIN, 3, true)).toEqual({ count: 3, seqs: [1, 2, 3] })
    expect(w.add('k', 25 * MIN, 4, true)).toBeUndefined()
    // the burst ends when the window falls below the threshold; a new one fires again
    expect(w.add('k', 100 * MIN, 5, true)).toBeUndefined()
    expect(w.add('k', 101 * MIN, 6, true)).toBeUndefined()
    expect(w.add('k', 102 * MIN, 7, true)).toEqual({ count: 3, seqs: [5, 6, 7] })
  })

  it('keeps keys apart and ignores entries older than the window', () => {
    const w = new WindowCounter({ minutes: 15, atLeast: 3, by: 'user' })
    w.add('a', 0, 1, true)
    w.add('b', 1 * MIN, 2, true)
    w.add('a', 2 * MIN, 3, true)
    expect(w.add('b', 3 * MIN, 4, true)).toBeUndefined()
    expect(w.add('a', 16 * MIN, 5, true)).toBeUndefined() // seq 1 fell out of the window
    expect(w.add('a', 17 * MIN, 6, true)).toEqual({ count: 3, seqs: [3, 5, 6] })
  })

  it('counts lookback entries without firing on them', () => {
    const w = new WindowCounter({ minutes: 10, atLeast: 3, by: 'actor' })
    expect(w.add('a', 0, 1, false)).toBeUndefined()
    expect(w.add('a', 1 * MIN, 2, false)).toBeUndefined()
    expect(w.add('a', 2 * MIN, 3, false)).toBeUndefined()
    expect(w.add('a', 3 * MIN, 4, true)).toEqual({ count: 4, seqs: [1, 2, 3, 4] })
  })

  it('stays flat on a long stream', () => {
    const w = new WindowCounter({ minutes: 10, atLeast: 51, by: 'actor' })
    let fired = 0
    for (let i = 0; i < 200_000; i++) if (w.add(`u${i % 50}`, i * MIN, i, true)) fired++
    expect(fired).toBe(0)
  })
})
