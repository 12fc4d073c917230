import { createEffect, onCleanup, Show, type JSX } from 'solid-js'
import { Portal } from 'solid-js/web'

export interface DialogProps {
  open: boolean
  title: string
  /** Escape, the close button or a click on the backdrop. */
  onClose: () => void
  children: JSX.Element
  /** Optional footer (buttons). */
  actions?: JSX.Element
  closeLabel?: string
  /** `alertdialog` for a dialog that needs an answer before the work goes on. */
  role?: 'dialog' | 'alertdialog'
  describedBy?: string
}

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])'

/**
 * A modal dialog (WAI-ARIA dialog pattern): focus moves in on open and back to where it was on
 * close, Tab stays inside, Escape closes.
 */
export function Dialog(props: DialogProps): JSX.Element {
  const titleId = `dlg-${Math.random().toString(36).slice(2, 8)}`
  let panel: HTMLDivElement | undefined

  createEffect(() => {
    if (!props.open) return
    const previous = document.activeElement as HTMLElement | null
    queueMicrotask(() => {
      const first = panel?.querySelector<HTMLElement>('[autofocus]') ?? focusables()[0]
      ;(first ?? panel)?.focus()
    })
    onCleanup(() => previous?.focus?.())
  })

  const focusables = () => [...(panel?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])]

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation()
      props.onClose()
      return
    }
    if (event.key !== 'Tab') return
    const all = focusables()
    if (all.length === 0) return
    const first = all[0]!
    const last = all[all.length - 1]!
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault()
      last.focus()
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault()
      first.focus()
    }
  }

  return (
    <Show when={props.open}>
      <Portal>
        <div class="vt-backdrop" onClick={(e) => e.target === e.currentTarget && props.onClose()}>
          <div
            ref={panel}
            class="vt-dialog"
            role={props.role ?? 'dialog'}
            aria-modal="true"
            aria-labelledby={titleId}
            aria-describedby={props.describedBy}
            tabindex="-1"
            onKeyDown={onKeyDown}
          >
            <header class="vt-dialog-head">
              <h2 id={titleId}>{props.title}</h2>
              <button
                type="button"
                class="vt-icon-button"
                aria-label={props.closeLabel ?? 'Close'}
                onClick={() => props.onClose()}
              >
                ×
              </button>
            </header>
            <div class="vt-dialog-body">{props.children}</div>
            <Show when={props.actions}>
              <footer class="vt-dialog-actions">{props.actions}</footer>
            </Show>
          </div>
        </div>
      </Portal>
    </Show>
  )
}
