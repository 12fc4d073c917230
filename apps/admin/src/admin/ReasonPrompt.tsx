import { Dialog } from '@veritrail/ui'
import { createSignal, Show, type JSX } from 'solid-js'
import { t } from '../i18n/i18n.ts'

/** An administrative action that needs a reason (kept in the system trail), with optional extra fields. */
export function ReasonPrompt(props: {
  open: boolean
  title: string
  confirm: string
  children?: JSX.Element
  onConfirm: (reason: string) => Promise<void>
  onClose: () => void
}): JSX.Element {
  const [reason, setReason] = createSignal('')
  const [problem, setProblem] = createSignal<string | undefined>()
  const [busy, setBusy] = createSignal(false)
  const submit = async (event: Event) => {
    event.preventDefault()
    if (!reason().trim()) return setProblem(t('reasonRequired'))
    setBusy(true)
    setProblem(undefined)
    try {
      await props.onConfirm(reason().trim())
      setReason('')
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Dialog open={props.open} title={props.title} onClose={props.onClose} closeLabel={t('close')}>
      <form class="vt-form" onSubmit={submit} novalidate>
        {props.children}
        <label class="vt-label">
          {t('reasonForAction')}
          <textarea
            rows="2"
            value={reason()}
            onInput={(e) => setReason(e.currentTarget.value)}
            aria-invalid={problem() === t('reasonRequired')}
          />
        </label>
        <Show when={problem()}>
          <p class="vt-field-error" role="alert">
            {problem()}
          </p>
        </Show>
        <div class="vt-dialog-actions">
          <button type="button" onClick={() => props.onClose()}>
            {t('cancel')}
          </button>
          <button type="submit" class="vt-primary" disabled={busy()}>
            {props.confirm}
          </button>
        </div>
      </form>
    </Dialog>
  )
}
