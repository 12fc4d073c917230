import { createResource, Show, type JSX } from 'solid-js'
import type { Account } from '../api/types.ts'
import { api } from '../app/session.ts'
import { t } from '../i18n/i18n.ts'
import { roleLabel } from '../i18n/vocabulary.ts'
import { TotpEnrolment } from './TotpEnrolment.tsx'

/** The signed-in person's own account: who they are, and their second factor. */
export default function AccountPage(): JSX.Element {
  const [me, { refetch }] = createResource(() => api.json<Account>('/api/v1/auth/me'))
  return (
    <section class="account-page">
      <h1>{t('accountTitle')}</h1>
      <Show when={me()}>
        {(account) => (
          <>
            <dl class="facts">
              <dt>{t('displayName')}</dt>
              <dd>{account().displayName}</dd>
              <dt>{t('username')}</dt>
              <dd>{account().username}</dd>
              <dt>{t('roles')}</dt>
              <dd>{account().roles.map(roleLabel).join(', ')}</dd>
            </dl>
            <section aria-labelledby="totp-title">
              <h2 id="totp-title">{t('totpTitle')}</h2>
              <p class="vt-muted">{t('totpIntro')}</p>
              <TotpEnrolment enrolled={account().mfa} onEnrolled={() => void refetch()} />
              <p class="vt-hint">{t('totpLostHint')}</p>
            </section>
          </>
        )}
      </Show>
    </section>
  )
}
