import { createRoot } from 'solid-js'
import { describe, expect, it } from 'vitest'
import { createPagedSource, type PageFetcher } from './paged-source.ts'

const numbers =
  (total: number, size: number, calls: (string | undefined)[]): PageFetcher<number> =>
  async (cursor) => {
    calls.push(cursor)
    const start = cursor ? Number(cursor) : 0
    const items = Array.from({ length: Math.min(size, total - start) }, (_, i) => start + i)
    const next = start + size < total ? String(start + size) : null
    return { items, nextCursor: next }
  }

describe('createPagedSource', () => {
  it('follows the cursor page by page until the last page', async () => {
    const calls: (string | undefined)[] = []
    await createRoot(async (dispose) => {
      const source = createPagedSource(numbers(25, 10, calls))
      await source.loadMore()
      await source.loadMore()
      expect(source.items()).toHaveLength(20)
      expect(source.done()).toBe(false)
      await source.loadMore()
      await source.loadMore()
      expect(source.items()).toEqual(Array.from({ length: 25 }, (_, i) => i))
      expect(source.done()).toBe(true)
      expect(calls).toEqual([undefined, '10', '20'])
      dispose()
    })
  })

  it('fetches one page at a time however often it is asked', async () => {
    const calls: (string | undefined)[] = []
    await createRoot(async (dispose) => {
      const source = createPagedSource(numbers(100, 10, calls))
      await Promise.all([source.loadMore(), source.loadMore(), source.loadMore()])
      expect(calls).toEqual([undefined])
      expect(source.pages()).toBe(1)
      dispose()
    })
  })

  it('drops an answer to old filters after a reset', async () => {
    await createRoot(async (dispose) => {
      let release: () => void = () => {}
      const slow: PageFetcher<string> = () =>
        new Promise((resolve) => {
          release = () => resolve({ items: ['old'], nextCursor: null })
        })
      const source = createPagedSource(slow)
      const first = source.loadMore()
      const reset = source.reset(async () => ({ items: ['new'], nextCursor: null }))
      release()
      await Promise.all([first, reset])
      expect(source.items()).toEqual(['new'])
      dispose()
    })
  })

  it('keeps the error and lets the next call retry', async () => {
    await createRoot(async (dispose) => {
      let fail = true
      const source = createPagedSource<number>(async () => {
        if (fail) throw new Error('offline')
        return { items: [1], nextCursor: null }
      })
      await source.loadMore()
      expect(source.error()?.message).toBe('offline')
      fail = false
      await source.loadMore()
      expect(source.error()).toBeUndefined()
      expect(source.items()).toEqual([1])
      dispose()
    })
  })
})
