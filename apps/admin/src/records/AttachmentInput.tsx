import { createSignal, Show, type JSX } from 'solid-js'
import { api } from '../app/session.ts'
import { formatBytes, t } from '../i18n/i18n.ts'

/**
 * An attachment field: the file is uploaded first (POST /api/v1/attachments, raw body), then its
 * SHA-256 goes into the field.
 */
export function AttachmentInput(props: {
  id: string
  value: string
  onChange: (sha256: string) => void
  describedBy?: string | undefined
}): JSX.Element {
  const [state, setState] = createSignal<{ busy: boolean; message?: string; error?: string }>({
    busy: false,
  })

  const upload = async (file: File | undefined) => {
    if (!file) return
    setState({ busy: true })
    try {
      const res = await api.response('/api/v1/attachments', {
        method: 'POST',
        raw: file,
        headers: {
          'content-type': file.type || 'application/octet-stream',
          'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
        },
      })
      const info = (await res.json()) as { sha256: string; size: number }
      props.onChange(info.sha256)
      setState({ busy: false, message: t('uploaded', { size: formatBytes(info.size) }) })
    } catch (error) {
      setState({
        busy: false,
        error: t('errorGeneric', {
          message: error instanceof Error ? error.message : String(error),
        }),
      })
    }
  }

  return (
    <span class="attachment">
      <input
        id={props.id}
        type="file"
        aria-describedby={props.describedBy}
        onChange={(e) => void upload(e.currentTarget.files?.[0])}
        disabled={state().busy}
      />
      <Show when={state().busy}>
        <span class="vt-muted" role="status">
          {t('uploading')}
        </span>
      </Show>
      <Show when={state().message}>
        <span role="status">{state().message}</span>
      </Show>
      <Show when={state().error}>
        <span class="vt-field-error" role="alert">
          {state().error}
        </span>
      </Show>
      <Show when={props.value}>
        <a href={`/api/v1/attachments/${props.value}`} download="">
          {t('currentFile')}
        </a>
      </Show>
    </span>
  )
}
