import { fireEvent, render, screen, waitFor } from '@solidjs/testing-library'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPagedSource, type PageFetcher } from '../paging/paged-source.ts'
import { VirtualList } from './VirtualList.tsx'

const TOTAL = 1_000_000
const PAGE = 100
const text = {
  loading: 'Loading…',
  empty: 'Nothing found',
  error: (m: string) => `Failed: ${m}`,
  retry: 'Retry',
}

// jsdom lays nothing out: give the scroll viewport a size so the virtualizer has a window.
beforeEach(() => {
  vi.spyOn(HTMLElement.prototype, 'offsetHeight', 'get').mockReturnValue(400)
  vi.spyOn(HTMLElement.prototype, 'offsetWidth', 'get').mockReturnValue(800)
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(400)
  vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockReturnValue({
    width: 800,
    height: 400,
    top: 0,
    left: 0,
    right: 800,
    bottom: 400,
    x: 0,
    y: 0,
    toJSON: () => ({}),
  })
})
afterEach(() => vi.restoreAllMocks())

function pages(calls: (string | undefined)[]): PageFetcher<number> {
  return async (cursor) => {
    calls.push(cursor)
    const start = cursor ? Number(cursor) : 0
    return {
      items: Array.from({ length: PAGE }, (_, i) => start + i),
      nextCursor: start + PAGE < TOTAL ? String(start + PAGE) : null,
    }
  }
}

function setup(onOpen = vi.fn()) {
  const calls: (string | undefined)[] = []
  const source = createPagedSource(pages(calls))
  render(() => (
    <VirtualList
      source={source}
      label="Audit entries"
      rowHeight={40}
      rowKey={(n) => String(n)}
      renderRow={(n) => <span>Entry {n}</span>}
      onOpen={onOpen}
      text={text}
      prefetchRows={20}
    />
  ))
  return { calls, source, list: screen.getByRole('listbox', { name: 'Audit entries' }) }
}

describe('VirtualList', () => {
  it('fetches the first page and renders only the rows in view', async () => {
    const { calls, list } = setup()
    await screen.findByText('Entry 0')
    expect(calls).toEqual([undefined])
    const rendered = list.querySelectorAll('[role="option"]').length
    expect(rendered).toBeGreaterThan(5)
    expect(rendered).toBeLessThan(40)
  })

  it('fetches the next page by cursor as the end comes into view, one page at a time', async () => {
    const { calls, list, source } = setup()
    await screen.findByText('Entry 0')
    list.scrollTop = 80 * 40
    fireEvent.scroll(list)
    await waitFor(() => expect(source.items().length).toBe(200))
    expect(calls).toEqual([undefined, '100'])
    list.scrollTop = 170 * 40
    fireEvent.scroll(list)
    await waitFor(() => expect(calls).toEqual([undefined, '100', '200']))
    expect(source.items().length).toBe(300)
  })

  it('draws a row once: a page arriving re-renders no row whose item stayed the same', async () => {
    const calls: (string | undefined)[] = []
    const source = createPagedSource(pages(calls))
    const drawn: number[] = []
    render(() => (
      <VirtualList
        source={source}
        label="Audit entries"
        rowHeight={40}
        rowKey={(n) => String(n)}
        renderRow={(n) => {
          drawn.push(n)
          return <span>Entry {n}</span>
        }}
        text={text}
      />
    ))
    await screen.findByText('Entry 0')
    const first = [...drawn]
    expect(new Set(first).size).toBe(first.length)
    await source.loadMore()
    expect(source.items().length).toBe(200)
    expect(drawn).toEqual(first)
  })

  it('moves with the keyboard and opens with Enter', async () => {
    const onOpen = vi.fn()
    const { list } = setup(onOpen)
    await screen.findByText('Entry 0')
    list.focus()
    fireEvent.keyDown(list, { key: 'ArrowDown' })
    fireEvent.keyDown(list, { key: 'ArrowDown' })
    const active = list.getAttribute('aria-activedescendant')!
    expect(document.getElementById(active)?.textContent).toBe('Entry 2')
    fireEvent.keyDown(list, { key: 'Enter' })
    expect(onOpen).toHaveBeenCalledWith(2, 2)
    fireEvent.keyDown(list, { key: 'End' })
    expect(list.getAttribute('aria-activedescendant')).toMatch(/-row-99$/)
  })

  it('says so when nothing matches, and offers a retry after an error', async () => {
    let fail = true
    const source = createPagedSource<number>(async () => {
      if (fail) throw new Error('offline')
      return { items: [], nextCursor: null }
    })
    render(() => (
      <VirtualList
        source={source}
        label="L"
        rowHeight={40}
        rowKey={String}
        renderRow={(n) => <span>{n}</span>}
        text={text}
      />
    ))
    expect((await screen.findByRole('alert')).textContent).toContain('Failed: offline')
    fail = false
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }))
    await screen.findByText('Nothing found')
  })
})
