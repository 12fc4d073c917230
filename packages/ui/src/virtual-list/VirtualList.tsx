import { createVirtualizer } from '@tanstack/solid-virtual'
import { createEffect, createMemo, createSignal, For, Show, untrack, type JSX } from 'solid-js'
import type { PagedSource } from '../paging/paged-source.ts'
import { listKeyTarget } from './list-keys.ts'

export interface VirtualListProps<T> {
  source: PagedSource<T>
  /** Accessible name of the list. */
  label: string
  /** Fixed row height in pixels (rows are one or two lines, so no measuring is needed). */
  rowHeight: number
  rowKey: (item: T) => string
  renderRow: (item: T, index: number) => JSX.Element
  /** Enter, Space or a click on a row. */
  onOpen?: (item: T, index: number) => void
  /** Key of the row shown as opened. */
  openKey?: string | undefined
  /** Start fetching the next page this many rows before the end. */
  prefetchRows?: number
  text: { loading: string; empty: string; error: (message: string) => string; retry: string }
  /** Called once the first rows are in the DOM (performance marks). */
  onFirstRows?: () => void
  id?: string
}

/**
 * A windowed list over a cursor-paged source: only the rows in view (plus a few) exist in the
 * DOM, so it stays smooth at millions of entries, and the next page is fetched as the end comes
 * near. Keyboard: arrows, Page Up/Down, Home/End move; Enter or Space opens (a WAI-ARIA listbox
 * with `aria-activedescendant`).
 */
export function VirtualList<T>(props: VirtualListProps<T>): JSX.Element {
  let scroller: HTMLDivElement | undefined
  const [active, setActive] = createSignal(0)
  const baseId = props.id ?? `vlist-${Math.random().toString(36).slice(2, 8)}`
  const count = () => props.source.items().length + (props.source.done() ? 0 : 1)
  const virtualizer = createVirtualizer({
    get count() {
      return count()
    },
    getScrollElement: () => scroller ?? null,
    estimateSize: () => props.rowHeight,
    overscan: 4,
  })

  createEffect(() => {
    const rows = virtualizer.getVirtualItems()
    const last = rows.length > 0 ? rows[rows.length - 1]!.index : 0
    const loaded = props.source.items().length
    const near = last >= loaded - (props.prefetchRows ?? 40)
    if (near && !props.source.done() && !props.source.loading() && !props.source.error()) {
      void props.source.loadMore()
    }
  })

  let announced = false
  createEffect(() => {
    if (announced || props.source.items().length === 0) return
    announced = true
    requestAnimationFrame(() => props.onFirstRows?.())
  })

  createEffect(() => {
    if (active() >= props.source.items().length && props.source.items().length > 0) setActive(0)
  })

  const rowId = (index: number) => `${baseId}-row-${index}`
  const move = (index: number) => {
    setActive(index)
    virtualizer.scrollToIndex(index, { align: 'auto' })
  }
  const openAt = (index: number) => {
    const item = props.source.items()[index]
    if (item !== undefined) props.onOpen?.(item, index)
  }

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault()
      openAt(active())
      return
    }
    const page = Math.max(1, Math.floor((scroller?.clientHeight ?? 0) / props.rowHeight) - 1)
    const target = listKeyTarget(event.key, active(), props.source.items().length, page)
    if (target === undefined) return
    event.preventDefault()
    move(target)
  }

  return (
    <div class="vt-vlist-wrap">
      <div
        ref={scroller}
        id={baseId}
        class="vt-vlist"
        role="listbox"
        tabindex="0"
        aria-label={props.label}
        aria-busy={props.source.loading()}
        aria-activedescendant={props.source.items().length > 0 ? rowId(active()) : undefined}
        onKeyDown={onKeyDown}
      >
        <div class="vt-vlist-body" style={{ height: `${virtualizer.getTotalSize()}px` }}>
          <For each={virtualizer.getVirtualItems().map((row) => row.index)}>
            {(index) => {
              // Rows are keyed by index and hold their item in a memo: a page arriving (a new
              // items array, new virtual items) re-renders no row whose item stayed the same.
              const item = createMemo(() => props.source.items()[index])
              const open = createMemo(() => {
                const it = item()
                return it !== undefined && props.openKey === props.rowKey(it)
              })
              return (
                <div
                  id={rowId(index)}
                  role="option"
                  class="vt-vlist-row"
                  classList={{ 'is-active': active() === index, 'is-open': open() }}
                  aria-selected={open()}
                  aria-posinset={index + 1}
                  aria-setsize={props.source.done() ? props.source.items().length : -1}
                  style={{
                    height: `${props.rowHeight}px`,
                    transform: `translateY(${index * props.rowHeight}px)`,
                  }}
                  onClick={() => {
                    setActive(index)
                    openAt(index)
                  }}
                >
                  {(() => {
                    const it = item()
                    return it === undefined ? (
                      <span class="vt-muted">{props.text.loading}</span>
                    ) : (
                      untrack(() => props.renderRow(it, index))
                    )
                  })()}
                </div>
              )
            }}
          </For>
        </div>
      </div>
      <Show when={props.source.done() && props.source.items().length === 0}>
        <p class="vt-empty">{props.text.empty}</p>
      </Show>
      <Show when={props.source.error()}>
        {(error) => (
          <p class="vt-error" role="alert">
            {props.text.error(error().message)}{' '}
            <button type="button" onClick={() => void props.source.loadMore()}>
              {props.text.retry}
            </button>
          </p>
        )}
      </Show>
    </div>
  )
}
