import type { JSX } from 'solid-js'
import { LanguageSwitch } from '../app/LanguageSwitch.tsx'
import { currentUser, mfaEnrolled, signOut } from '../app/session.ts'
import { t } from '../i18n/i18n.ts'
import { TotpEnrolment } from './TotpEnrolment.tsx'

/** Signed in, but the role needs a second factor first: enrolment is all the server allows. */
export function MfaRequiredPage(): JSX.Element {
  return (
    <div class="signin">
      <div class="signin-lang">
        <LanguageSwitch />
      </div>
      <main class="signin-card wide" id="main">
        <h1>{t('totpRequiredTitle')}</h1>
        <p>{t('totpRequiredIntro', { name: currentUser()?.displayName ?? '' })}</p>
        <TotpEnrolment enrolled={false} onEnrolled={mfaEnrolled} />
        <p>
          <button type="button" onClick={() => void signOut()}>
            {t('signOut')}
          </button>
        </p>
      </main>
    </div>
  )
}
