import { batch, createSignal, type Accessor } from 'solid-js'

/** One page as cursor-paged list endpoints answer: items and the cursor of the next page. */
export interface Page<T> {
  items: T[]
  nextCursor: string | null
}

/** Fetches the page after `cursor` (undefined for the first page). */
export type PageFetcher<T> = (cursor: string | undefined, signal: AbortSignal) => Promise<Page<T>>

export interface PagedSource<T> {
  items: Accessor<readonly T[]>
  loading: Accessor<boolean>
  /** True once the last page has arrived. */
  done: Accessor<boolean>
  error: Accessor<Error | undefined>
  /** How many pages have arrived since the last reset. */
  pages: Accessor<number>
  /** Fetches the next page unless one is in flight or the list is complete. */
  loadMore(): Promise<void>
  /** Starts again from the first page with `fetcher` (new filters), abandoning any fetch. */
  reset(fetcher?: PageFetcher<T>): Promise<void>
}

/**
 * A growing list fed page by page through an opaque cursor, as `GET /api/v1/audit` and
 * `GET /api/v1/records/:type` answer. One fetch at a time; a reset aborts the fetch in flight
 * so a slow answer to old filters never lands in the new list.
 */
export function createPagedSource<T>(initial: PageFetcher<T>): PagedSource<T> {
  let fetcher = initial
  let cursor: string | undefined
  let controller: AbortController | undefined
  const [items, setItems] = createSignal<readonly T[]>([])
  const [loading, setLoading] = createSignal(false)
  const [done, setDone] = createSignal(false)
  const [error, setError] = createSignal<Error | undefined>()
  const [pages, setPages] = createSignal(0)

  async function loadMore(): Promise<void> {
    if (controller || done()) return
    const own = new AbortController()
    controller = own
    setLoading(true)
    setError(undefined)
    try {
      const page = await fetcher(cursor, own.signal)
      if (own.signal.aborted) return
      batch(() => {
        cursor = page.nextCursor ?? undefined
        setItems((list) => [...list, ...page.items])
        setDone(page.nextCursor === null)
        setPages((n) => n + 1)
      })
    } catch (cause) {
      if (!own.signal.aborted) setError(cause instanceof Error ? cause : new Error(String(cause)))
    } finally {
      if (controller === own) {
        controller = undefined
        setLoading(false)
      }
    }
  }

  async function reset(next?: PageFetcher<T>): Promise<void> {
    controller?.abort()
    controller = undefined
    if (next) fetcher = next
    cursor = undefined
    batch(() => {
      setItems([])
      setDone(false)
      setError(undefined)
      setPages(0)
      setLoading(false)
    })
    await loadMore()
  }

  return { items, loading, done, error, pages, loadMore, reset }
}
