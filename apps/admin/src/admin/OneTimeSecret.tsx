import { Dialog } from '@veritrail/ui'
import { createSignal, type JSX } from 'solid-js'
import { t } from '../i18n/i18n.ts'

/** A temporary password or API token, shown this once (the server keeps only a hash). */
export function OneTimeSecret(props: {
  title: string
  secret: string | undefined
  onClose: () => void
}): JSX.Element {
  const [copied, setCopied] = createSignal(false)
  return (
    <Dialog
      open={props.secret !== undefined}
      title={props.title}
      onClose={() => {
        setCopied(false)
        props.onClose()
      }}
      closeLabel={t('close')}
      role="alertdialog"
    >
      <p>{t('shownOnce')}</p>
      <p>
        <code class="secret" data-testid="one-time-secret">
          {props.secret}
        </code>
      </p>
      <div class="vt-dialog-actions">
        <button
          type="button"
          onClick={() => {
            void navigator.clipboard?.writeText(props.secret ?? '').then(() => setCopied(true))
          }}
        >
          {copied() ? t('copied') : t('copy')}
        </button>
        <button
          type="button"
          class="vt-primary"
          onClick={() => {
            setCopied(false)
            props.onClose()
          }}
        >
          {t('close')}
        </button>
      </div>
    </Dialog>
  )
}
