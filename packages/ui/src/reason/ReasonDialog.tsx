import { createSignal, For, Show, type JSX } from 'solid-js'
import { Dialog } from '../dialog/Dialog.tsx'
import { validateReason, type ReasonChoice, type ReasonOption } from './reason.ts'

export interface ReasonDialogText {
  title: string
  intro: string
  reason: string
  choose: string
  text: string
  textHint: string
  confirm: string
  cancel: string
  needReason: string
  needText: string
}

export interface ReasonDialogProps {
  open: boolean
  /** Labels of the fields whose change needs the reason. */
  fields: string[]
  /** Predefined reasons of the record type (or of the setting). */
  reasons: ReasonOption[]
  text: ReasonDialogText
  onConfirm: (reason: ReasonChoice) => void
  onCancel: () => void
  busy?: boolean
}

/**
 * Asks why critical data changes (ARCHITECTURE §2.9): a predefined reason and/or free text.
 * Nothing is sent until a valid reason is given.
 */
export function ReasonDialog(props: ReasonDialogProps): JSX.Element {
  const [code, setCode] = createSignal('')
  const [text, setText] = createSignal('')
  const [problem, setProblem] = createSignal<'needReason' | 'needText' | undefined>()
  const errorId = `reason-error-${Math.random().toString(36).slice(2, 8)}`

  const submit = (event: Event) => {
    event.preventDefault()
    const result = validateReason(code(), text(), props.reasons)
    if (!result.ok) {
      setProblem(result.problem)
      return
    }
    setProblem(undefined)
    props.onConfirm(result.reason)
  }

  const close = () => {
    setProblem(undefined)
    props.onCancel()
  }

  return (
    <Dialog
      open={props.open}
      title={props.text.title}
      onClose={close}
      role="alertdialog"
      describedBy={`${errorId}-intro`}
    >
      <form class="vt-form" onSubmit={submit} novalidate>
        <p id={`${errorId}-intro`}>{props.text.intro}</p>
        <Show when={props.fields.length > 0}>
          <ul class="vt-field-list">
            <For each={props.fields}>{(field) => <li>{field}</li>}</For>
          </ul>
        </Show>
        <Show when={props.reasons.length > 0}>
          <label class="vt-label">
            {props.text.reason}
            <select
              value={code()}
              autofocus
              onChange={(e) => {
                setCode(e.currentTarget.value)
                setProblem(undefined)
              }}
              aria-invalid={problem() === 'needReason'}
              aria-describedby={problem() ? errorId : undefined}
            >
              <option value="">{props.text.choose}</option>
              <For each={props.reasons}>
                {(r) => (
                  <option value={r.code} selected={r.code === code()}>
                    {r.label}
                  </option>
                )}
              </For>
            </select>
          </label>
        </Show>
        <label class="vt-label">
          {props.text.text}
          <textarea
            rows="3"
            value={text()}
            onInput={(e) => {
              setText(e.currentTarget.value)
              setProblem(undefined)
            }}
            aria-invalid={problem() !== undefined}
            aria-describedby={problem() ? `${errorId}-hint ${errorId}` : `${errorId}-hint`}
          />
        </label>
        <span class="vt-hint" id={`${errorId}-hint`}>
          {props.text.textHint}
        </span>
        <Show when={problem()}>
          {(p) => (
            <p id={errorId} class="vt-field-error" role="alert">
              {props.text[p()]}
            </p>
          )}
        </Show>
        <div class="vt-dialog-actions">
          <button type="button" onClick={close}>
            {props.text.cancel}
          </button>
          <button type="submit" class="vt-primary" disabled={props.busy}>
            {props.text.confirm}
          </button>
        </div>
      </form>
    </Dialog>
  )
}
