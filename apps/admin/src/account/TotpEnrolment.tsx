import { Progress } from '@veritrail/ui'
import { createSignal, Show, type JSX } from 'solid-js'
import { isApiError } from '../api/problem.ts'
import { api } from '../app/session.ts'
import { t } from '../i18n/i18n.ts'
import { QrCode } from './QrCode.tsx'

/** `POST /api/v1/auth/mfa/proposal`: a new secret, not stored until confirmed with a code. */
interface Proposal {
  secret: string
  uri: string
}

/** `JBSWY3DPEHPK3PXP…` in blocks of four, easier to type into an app. */
export const groupedSecret = (secret: string) => secret.replace(/(.{4})(?=.)/g, '$1 ')

/** The sentence for a refused confirmation (never the server's code). */
export function confirmProblem(error: unknown): string {
  if (isApiError(error) && error.code === 'forbidden') return t('totpCurrentCodeWrong')
  if (isApiError(error) && error.code === 'validation_failed') return t('totpCodeWrong')
  return t('errorGeneric', { message: error instanceof Error ? error.message : String(error) })
}

/**
 * Enrols an authenticator app (R-AC-12): the server proposes a secret, shown as a QR code, as a
 * key to type and as its otpauth address; the person proves the app works with a current code.
 */
export function TotpEnrolment(props: { enrolled: boolean; onEnrolled: () => void }): JSX.Element {
  const [proposal, setProposal] = createSignal<Proposal | undefined>()
  const [code, setCode] = createSignal('')
  /** When replacing: the code of the app in use now (the server demands it). */
  const [currentCode, setCurrentCode] = createSignal('')
  const [busy, setBusy] = createSignal(false)
  const [problem, setProblem] = createSignal<string | undefined>()
  const [done, setDone] = createSignal(false)
  let codeInput: HTMLInputElement | undefined

  const start = async () => {
    setBusy(true)
    setProblem(undefined)
    setDone(false)
    try {
      setProposal(await api.json<Proposal>('/api/v1/auth/mfa/proposal', { method: 'POST' }))
      setCode('')
      setCurrentCode('')
    } catch (error) {
      setProblem(confirmProblem(error))
    } finally {
      setBusy(false)
    }
  }

  const confirm = async (event: Event) => {
    event.preventDefault()
    const digits = code().replace(/\s+/g, '')
    const current = currentCode().replace(/\s+/g, '')
    if (!/^\d{6}$/.test(digits) || (props.enrolled && !/^\d{6}$/.test(current))) {
      setProblem(t('totpCodeFormat'))
      codeInput?.focus()
      return
    }
    setBusy(true)
    setProblem(undefined)
    try {
      await api.json('/api/v1/auth/mfa', {
        method: 'POST',
        body: { secret: proposal()!.secret, code: digits, ...(props.enrolled ? { currentCode: current } : {}) },
      })
      setProposal(undefined)
      setDone(true)
      props.onEnrolled()
    } catch (error) {
      setProblem(confirmProblem(error))
      codeInput?.focus()
    } finally {
      setBusy(false)
    }
  }

  return (
    <div class="totp-enrolment">
      <Show
        when={proposal()}
        fallback={
          <>
            <p role="status">
              {done() ? t('totpEnrolled') : props.enrolled ? t('totpOn') : t('totpOff')}
            </p>
            <Show when={problem()}>
              <p class="vt-error" role="alert">
                {problem()}
              </p>
            </Show>
            <button
              type="button"
              class={props.enrolled ? undefined : 'vt-primary'}
              disabled={busy()}
              onClick={() => void start()}
            >
              {props.enrolled ? t('totpReplace') : t('totpStart')}
            </button>
          </>
        }
      >
        {(p) => (
          <ol class="totp-steps">
            <li>
              <p>{t('totpStepScan')}</p>
              <QrCode text={p().uri} label={t('totpQrLabel')} />
            </li>
            <li>
              <p>{t('totpStepKey')}</p>
              <p>
                <code class="secret" data-testid="totp-secret" aria-label={t('totpSecret')}>
                  {groupedSecret(p().secret)}
                </code>
              </p>
              <p class="vt-muted">
                {t('totpUri')}:{' '}
                <a href={p().uri} class="totp-uri" data-testid="totp-uri">
                  {p().uri}
                </a>
              </p>
            </li>
            <li>
              <form class="vt-form" onSubmit={confirm} novalidate>
                <Show when={props.enrolled}>
                  <label class="vt-label">
                    {t('totpCurrentCode')}
                    <input
                      name="currentCode"
                      inputmode="numeric"
                      autocomplete="one-time-code"
                      maxlength="7"
                      value={currentCode()}
                      aria-invalid={problem() !== undefined}
                      onInput={(e) => setCurrentCode(e.currentTarget.value)}
                    />
                  </label>
                </Show>
                <label class="vt-label">
                  {t('totpStepConfirm')}
                  <input
                    ref={codeInput}
                    name="code"
                    inputmode="numeric"
                    autocomplete="one-time-code"
                    maxlength="7"
                    value={code()}
                    aria-invalid={problem() !== undefined}
                    onInput={(e) => setCode(e.currentTarget.value)}
                  />
                </label>
                <Show when={problem()}>
                  <p class="vt-field-error" role="alert">
                    {problem()}
                  </p>
                </Show>
                <Show when={busy()}>
                  <Progress label={t('loading')} />
                </Show>
                <div class="row-actions">
                  <button type="submit" class="vt-primary" disabled={busy()}>
                    {t('totpConfirm')}
                  </button>
                  <button
                    type="button"
                    onClick={() => {
                      setProposal(undefined)
                      setProblem(undefined)
                    }}
                  >
                    {t('cancel')}
                  </button>
                </div>
              </form>
            </li>
          </ol>
        )}
      </Show>
    </div>
  )
}
