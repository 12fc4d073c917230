import { createSignal, Show, type JSX } from 'solid-js'
import { api } from '../app/session.ts'
import { t } from '../i18n/i18n.ts'
import { RoleChoice } from './RoleChoice.tsx'

/** A new account; a generated temporary password is handed back to be shown once. */
export function CreateUserForm(props: {
  onCreated: (username: string, temporaryPassword?: string) => void
}): JSX.Element {
  const [username, setUsername] = createSignal('')
  const [displayName, setDisplayName] = createSignal('')
  const [roles, setRoles] = createSignal<string[]>([])
  const [password, setPassword] = createSignal('')
  const [problem, setProblem] = createSignal<string | undefined>()
  const [message, setMessage] = createSignal<string | undefined>()

  const submit = async (event: Event) => {
    event.preventDefault()
    setProblem(undefined)
    setMessage(undefined)
    try {
      const body = {
        username: username().trim(),
        displayName: displayName().trim(),
        roles: roles(),
        ...(password() ? { password: password() } : {}),
      }
      const created = await api.json<{ username: string; temporaryPassword?: string }>(
        '/api/v1/users',
        { method: 'POST', body },
      )
      setMessage(t('userCreated', { username: created.username }))
      props.onCreated(created.username, created.temporaryPassword)
      setUsername('')
      setDisplayName('')
      setRoles([])
      setPassword('')
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error))
    }
  }

  return (
    <details class="create-user">
      <summary>{t('newUser')}</summary>
      <form class="vt-form" onSubmit={submit}>
        <div class="form-grid">
          <label class="vt-label">
            {t('username')}
            <input
              required
              value={username()}
              onInput={(e) => setUsername(e.currentTarget.value)}
              autocomplete="off"
            />
          </label>
          <label class="vt-label">
            {t('displayName')}
            <input
              required
              value={displayName()}
              onInput={(e) => setDisplayName(e.currentTarget.value)}
              autocomplete="off"
            />
          </label>
          <label class="vt-label">
            {t('initialPassword')}
            <input
              type="password"
              value={password()}
              onInput={(e) => setPassword(e.currentTarget.value)}
              autocomplete="new-password"
              aria-describedby="initial-pw-hint"
            />
          </label>
          <span class="vt-hint" id="initial-pw-hint">
            {t('initialPasswordHint')}
          </span>
        </div>
        <RoleChoice value={roles()} onChange={setRoles} />
        <Show when={problem()}>
          <p class="vt-error" role="alert">
            {problem()}
          </p>
        </Show>
        <Show when={message()}>
          <p role="status">{message()}</p>
        </Show>
        <div>
          <button type="submit" class="vt-primary">
            {t('createUser')}
          </button>
        </div>
      </form>
    </details>
  )
}
