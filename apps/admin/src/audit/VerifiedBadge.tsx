import { Progress, Tag } from '@veritrail/ui'
import { createResource, Match, Suspense, Switch, type JSX } from 'solid-js'
import type { Entry } from '../api/types.ts'
import type { MessageKey } from '../i18n/en.ts'
import { formatCount, t } from '../i18n/i18n.ts'
import type { VerificationResult } from '../verify/verify-entry.ts'
import { verifyServedEntry } from './verification.ts'

/**
 * The entry checked in this browser against the signed checkpoint (a Web Worker re-hashes it and
 * walks the inclusion proof), so QA need not trust the server.
 */
export function VerifiedBadge(props: { entry: Entry }): JSX.Element {
  const [result, { refetch }] = createResource(() => props.entry, verifyServedEntry)
  return (
    <section class="verify" aria-live="polite" aria-labelledby="verify-title">
      <h3 id="verify-title">{t('verifyTitle')}</h3>
      <Suspense fallback={<Progress label={t('verifying')} />}>
        <Switch>
          <Match when={result.loading}>
            <Progress label={t('verifying')} />
          </Match>
          <Match when={result.error !== undefined}>
            <p class="vt-error">{t('verifyError', { message: errorMessage(result.error) })}</p>
          </Match>
          <Match when={result()}>{(r) => <Outcome result={r()} seq={props.entry.seq} />}</Match>
        </Switch>
      </Suspense>
      <button type="button" onClick={() => void refetch()} disabled={result.loading}>
        {t('verifyAgain')}
      </button>
    </section>
  )
}

function Outcome(props: { result: VerificationResult; seq: number }): JSX.Element {
  return (
    <div>
      <p class="verify-outcome">
        {(() => {
          const r = props.result
          if (r.ok) {
            return (
              <>
                <Tag tone="ok">✓ {t('verified')}</Tag>{' '}
                {t('verifiedDetail', {
                  seq: formatCount(props.seq),
                  size: formatCount(r.treeSize),
                })}
              </>
            )
          }
          return (
            <>
              <Tag tone="critical">✗ {t('notVerified')}</Tag>{' '}
              {t(`verifyFailed_${r.failure}` as MessageKey)}
            </>
          )
        })()}
      </p>
      <p class="vt-muted fingerprint">
        {t('keyFingerprint')}: <code>{props.result.fingerprint ?? t('empty')}</code> —{' '}
        {t('keyFingerprintHint')}
      </p>
    </div>
  )
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
