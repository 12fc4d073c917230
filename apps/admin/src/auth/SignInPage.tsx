import { createSignal, Match, Show, Switch, type JSX } from 'solid-js'
import { LanguageSwitch } from '../app/LanguageSwitch.tsx'
import { signInNotice } from '../app/session.ts'
import { t } from '../i18n/i18n.ts'
import { LoginForm } from './LoginForm.tsx'
import { PasswordChangeForm } from './PasswordChangeForm.tsx'

/** Sign-in: the login form, or the password change the server demands before sign-in. */
export function SignInPage(): JSX.Element {
  const [change, setChange] = createSignal<{ username: string; password: string } | undefined>()
  const notice = () => {
    const n = signInNotice()
    if (n === 'idle') return t('sessionIdle')
    if (n === 'ended') return t('sessionEnded')
    if (n === 'signedOut') return t('signedOut')
    return undefined
  }
  return (
    <div class="signin">
      <div class="signin-lang">
        <LanguageSwitch />
      </div>
      <main class="signin-card" id="main">
        <Show when={notice() && !change()}>
          <p class="notice" role="status">
            {notice()}
          </p>
        </Show>
        <Switch>
          <Match when={change()}>
            {(c) => (
              <PasswordChangeForm
                username={c().username}
                currentPassword={c().password}
                onCancel={() => setChange(undefined)}
              />
            )}
          </Match>
          <Match when={!change()}>
            <LoginForm
              onPasswordChangeRequired={(username, password) => setChange({ username, password })}
            />
          </Match>
        </Switch>
      </main>
    </div>
  )
}
