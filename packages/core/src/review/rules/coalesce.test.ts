import { describe, expect, it } from 'vitest'
import { coalesce } from './coalesce.js'

describe('coalesce', () => {
  it('loads the keys asked for in one turn together, once each, and the next turn apart', async () => {
    const loads: string[][] = []
    const load = coalesce((n: number) => String(n), async (items) => (loads.push(items.map(String)), new Map(items.filter((n) => n > 0).map((n) => [String(n), n * 10]))), -1)
    expect(await Promise.all([load(1), load(2), load(1), load(0)])).toEqual([10, 20, 10, -1])
    expect(await load(3)).toBe(30)
    expect(loads).toEqual([['1', '2', '0'], ['3']])
  })

  it('rejects every waiting caller when the load fails', async () => {
    const load = coalesce((n: number) => String(n), () => Promise.reject(new Error('unreadable')), 0)
    await expect(Promise.all([load(1), load(2)])).rejects.toThrow('unreadable')
  })
})
