import { Show, type JSX } from 'solid-js'

/** Long work in progress: a bar when the amount is known, a busy line otherwise. */
export function Progress(props: { label: string; value?: number; max?: number }): JSX.Element {
  return (
    <div class="vt-progress" role="status" aria-live="polite">
      <Show
        when={props.value !== undefined && props.max}
        fallback={<span class="vt-spinner" aria-hidden="true" />}
      >
        <progress value={props.value} max={props.max} aria-label={props.label} />
      </Show>
      <span>{props.label}</span>
    </div>
  )
}
