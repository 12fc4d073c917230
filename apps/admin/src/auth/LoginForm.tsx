import { createSignal, Show, type JSX } from 'solid-js'
import { api, signedIn } from '../app/session.ts'
import { isApiError } from '../api/problem.ts'
import type { User } from '../api/types.ts'
import { t } from '../i18n/i18n.ts'
import type { MessageKey } from '../i18n/en.ts'

/** The messages of the login refusals (CONTRACT §3): never the server's codes. */
export function loginProblem(error: unknown): MessageKey | 'passwordChange' | 'totp' {
  if (!isApiError(error)) return 'errorGeneric'
  if (error.code === 'password_change_required') return 'passwordChange'
  if (error.status === 423) return 'accountLocked'
  if (error.status === 401 && error.extra.mfa === true) return 'totp'
  if (error.status === 401) return 'wrongCredentials'
  if (error.status === 403) return 'integrationNoLogin'
  return 'errorGeneric'
}

export function LoginForm(props: {
  onPasswordChangeRequired: (username: string, password: string) => void
}): JSX.Element {
  const [username, setUsername] = createSignal('')
  const [password, setPassword] = createSignal('')
  const [totp, setTotp] = createSignal<string | undefined>()
  const [busy, setBusy] = createSignal(false)
  const [problem, setProblem] = createSignal<string | undefined>()

  const submit = async (event: Event) => {
    event.preventDefault()
    setBusy(true)
    setProblem(undefined)
    try {
      const body = {
        username: username(),
        password: password(),
        ...(totp() ? { totp: totp() } : {}),
      }
      const result = await api.json<{ user: User; mfaEnrolmentRequired?: boolean }>(
        '/api/v1/auth/login',
        { method: 'POST', body },
      )
      await signedIn(result.user, result.mfaEnrolmentRequired === true)
    } catch (error) {
      const kind = loginProblem(error)
      if (kind === 'passwordChange') props.onPasswordChangeRequired(username(), password())
      else if (kind === 'totp') setTotp(totp() ?? '')
      else setProblem(t(kind, { message: error instanceof Error ? error.message : String(error) }))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form class="vt-form" onSubmit={submit}>
      <h1>{t('signInTitle')}</h1>
      <label class="vt-label">
        {t('username')}
        <input
          name="username"
          autocomplete="username"
          required
          value={username()}
          onInput={(e) => setUsername(e.currentTarget.value)}
        />
      </label>
      <label class="vt-label">
        {t('password')}
        <input
          name="password"
          type="password"
          autocomplete="current-password"
          required
          value={password()}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
      </label>
      <Show when={totp() !== undefined}>
        <label class="vt-label">
          {t('totp')}
          <input
            name="totp"
            inputmode="numeric"
            autocomplete="one-time-code"
            value={totp() ?? ''}
            onInput={(e) => setTotp(e.currentTarget.value)}
          />
        </label>
      </Show>
      <Show when={problem()}>
        <p class="vt-error" role="alert">
          {problem()}
        </p>
      </Show>
      <button type="submit" class="vt-primary" disabled={busy()}>
        {busy() ? t('signingIn') : t('signIn')}
      </button>
    </form>
  )
}
