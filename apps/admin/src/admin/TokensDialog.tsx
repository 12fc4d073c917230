import { Dialog } from '@veritrail/ui'
import { createResource, createSignal, For, Show, type JSX } from 'solid-js'
import type { Account, ApiToken } from '../api/types.ts'
import { api } from '../app/session.ts'
import { t } from '../i18n/i18n.ts'

/** API tokens of an integration account: issue one (shown once) or revoke one, each with a reason. */
export function TokensDialog(props: {
  account: Account
  onClose: () => void
  onToken: (token: string) => void
}): JSX.Element {
  const base = `/api/v1/users/${encodeURIComponent(props.account.id)}/tokens`
  const [tokens, { refetch }] = createResource(() => api.json<ApiToken[]>(base))
  const [name, setName] = createSignal('')
  const [reason, setReason] = createSignal('')
  const [problem, setProblem] = createSignal<string | undefined>()
  const run = async (work: () => Promise<void>) => {
    setProblem(undefined)
    if (!reason().trim()) return setProblem(t('reasonRequired'))
    try {
      await work()
      void refetch()
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error))
    }
  }
  const issue = (event: Event) => {
    event.preventDefault()
    void run(async () => {
      const created = await api.json<{ token: string }>(base, {
        method: 'POST',
        body: { name: name().trim(), reason: reason().trim() },
      })
      props.onToken(created.token)
      setName('')
    })
  }
  return (
    <Dialog
      open
      title={`${t('tokens')}: ${props.account.displayName}`}
      onClose={props.onClose}
      closeLabel={t('close')}
    >
      <ul class="plain-list">
        <For each={tokens() ?? []}>
          {(token) => (
            <li>
              {token.name}{' '}
              <Show
                when={!token.revokedTs}
                fallback={<span class="vt-muted">({t('revoked')})</span>}
              >
                <button
                  type="button"
                  onClick={() =>
                    void run(() =>
                      api.json(`${base}/${encodeURIComponent(token.id)}/revoke`, {
                        method: 'POST',
                        body: { reason: reason().trim() },
                      }),
                    )
                  }
                >
                  {t('revoke')}
                </button>
              </Show>
            </li>
          )}
        </For>
      </ul>
      <form class="vt-form" onSubmit={issue}>
        <label class="vt-label">
          {t('tokenName')}
          <input required value={name()} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <label class="vt-label">
          {t('reasonForAction')}
          <input required value={reason()} onInput={(e) => setReason(e.currentTarget.value)} />
        </label>
        <Show when={problem()}>
          <p class="vt-field-error" role="alert">
            {problem()}
          </p>
        </Show>
        <div>
          <button type="submit" class="vt-primary">
            {t('issueToken')}
          </button>
        </div>
      </form>
    </Dialog>
  )
}
