import { Show, type JSX } from 'solid-js'

export interface FieldProps {
  /** Id of the control, so the label and messages point at it. */
  for: string
  label: string
  /** Unit shown after the label (°C, min). */
  unit?: string | undefined
  hint?: string | undefined
  /** A message from the server or the form, shown beside the field. */
  error?: string | undefined
  required?: boolean
  /** Marker shown for critical fields (changing them needs a reason). */
  badge?: string | undefined
  children: JSX.Element
}

/** A labelled form field with its hint and its error message (linked for screen readers). */
export function Field(props: FieldProps): JSX.Element {
  return (
    <div class="vt-field" classList={{ 'has-error': props.error !== undefined }}>
      <label class="vt-field-label" for={props.for}>
        {props.label}
        <Show when={props.unit}>
          <span class="vt-unit"> ({props.unit})</span>
        </Show>
        <Show when={props.required}>
          <span aria-hidden="true"> *</span>
        </Show>
        <Show when={props.badge}>
          <span class="vt-tag vt-tag-critical">{props.badge}</span>
        </Show>
      </label>
      {props.children}
      <Show when={props.hint}>
        <span class="vt-hint" id={`${props.for}-hint`}>
          {props.hint}
        </span>
      </Show>
      <Show when={props.error}>
        <span class="vt-field-error" id={`${props.for}-error`} role="alert">
          {props.error}
        </span>
      </Show>
    </div>
  )
}

/** `aria-describedby` for a control inside a `Field`. */
export function describedBy(id: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean)
  return ids.length > 0 ? ids.join(' ') : undefined
}
