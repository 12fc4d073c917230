import { createSignal, Show, type JSX } from 'solid-js'
import { api, signedIn } from '../app/session.ts'
import { isApiError } from '../api/problem.ts'
import type { User } from '../api/types.ts'
import { t } from '../i18n/i18n.ts'
import { loginProblem } from './LoginForm.tsx'

/** CONTRACT §3: at least 12 characters (the server enforces the site's policy). */
const MIN_LENGTH = 12

/** The change the server demands at first sign-in (403 password_change_required), then sign-in. */
export function PasswordChangeForm(props: {
  username: string
  currentPassword: string
  onCancel: () => void
}): JSX.Element {
  const [current, setCurrent] = createSignal(props.currentPassword)
  const [next, setNext] = createSignal('')
  const [repeat, setRepeat] = createSignal('')
  const [busy, setBusy] = createSignal(false)
  const [problem, setProblem] = createSignal<string | undefined>()

  const submit = async (event: Event) => {
    event.preventDefault()
    if (next().length < MIN_LENGTH) return setProblem(t('passwordTooShort', { min: MIN_LENGTH }))
    if (next() !== repeat()) return setProblem(t('passwordsDiffer'))
    setBusy(true)
    setProblem(undefined)
    try {
      await api.json('/api/v1/auth/password', {
        method: 'POST',
        body: { username: props.username, currentPassword: current(), newPassword: next() },
      })
      const result = await api.json<{ user: User; mfaEnrolmentRequired?: boolean }>(
        '/api/v1/auth/login',
        { method: 'POST', body: { username: props.username, password: next() } },
      )
      await signedIn(result.user, result.mfaEnrolmentRequired === true)
    } catch (error) {
      // The policy's own sentence (history, length) is the most precise message we have.
      if (isApiError(error) && error.code === 'validation_failed') setProblem(error.message)
      else {
        const kind = loginProblem(error)
        setProblem(
          kind === 'totp'
            ? t('passwordChangedNeedsCode')
            : t(kind === 'passwordChange' ? 'errorGeneric' : kind, { message: String(error) }),
        )
      }
    } finally {
      setBusy(false)
    }
  }

  return (
    <form class="vt-form" onSubmit={submit}>
      <h1>{t('passwordChangeTitle')}</h1>
      <p>{t('passwordChangeIntro')}</p>
      <p class="vt-muted">
        {t('username')}: <strong>{props.username}</strong>
      </p>
      <input
        type="text"
        name="username"
        autocomplete="username"
        value={props.username}
        hidden
        readonly
      />
      <label class="vt-label">
        {t('currentPassword')}
        <input
          type="password"
          name="current"
          autocomplete="current-password"
          required
          value={current()}
          onInput={(e) => setCurrent(e.currentTarget.value)}
        />
      </label>
      <label class="vt-label">
        {t('newPassword')}
        <input
          type="password"
          name="new"
          autocomplete="new-password"
          required
          value={next()}
          onInput={(e) => setNext(e.currentTarget.value)}
          aria-describedby="pw-policy"
        />
      </label>
      <span class="vt-hint" id="pw-policy">
        {t('passwordPolicy', { min: MIN_LENGTH })}
      </span>
      <label class="vt-label">
        {t('repeatPassword')}
        <input
          type="password"
          name="repeat"
          autocomplete="new-password"
          required
          value={repeat()}
          onInput={(e) => setRepeat(e.currentTarget.value)}
        />
      </label>
      <Show when={problem()}>
        <p class="vt-error" role="alert">
          {problem()}
        </p>
      </Show>
      <div class="row-actions">
        <button type="button" onClick={() => props.onCancel()}>
          {t('back')}
        </button>
        <button type="submit" class="vt-primary" disabled={busy()}>
          {t('changePassword')}
        </button>
      </div>
    </form>
  )
}
