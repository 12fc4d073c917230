import { Progress, Tag } from '@veritrail/ui'
import { createResource, createSignal, For, Match, Show, Switch, type JSX } from 'solid-js'
import type { Checkpoint, Health, Trail } from '../api/types.ts'
import { api, hasRole } from '../app/session.ts'
import { checkpointKeyFingerprint } from '../audit/verification.ts'
import { formatCount, t } from '../i18n/i18n.ts'

interface VerifyReport {
  ok: boolean
  trails: Record<Trail, { size: number; firstBadSeq?: number }>
}

const trailName = (trail: Trail) => t(trail === 'data' ? 'trailNameData' : 'trailNameSystem')

/** Server status, the trails' sizes and signed checkpoints, the key fingerprint, and a full verify. */
export default function HealthPage(): JSX.Element {
  const [health] = createResource(() => api.json<Health>('/api/v1/health'))
  const [checkpoints] = createResource(() =>
    Promise.all(
      (['data', 'system'] as Trail[]).map(async (trail) => ({
        trail,
        cp: await api.json<Checkpoint>(`/api/v1/audit/checkpoint?trail=${trail}`),
      })),
    ),
  )
  const [fingerprint] = createResource(checkpointKeyFingerprint)
  const [report, setReport] = createSignal<VerifyReport | 'running' | undefined>()
  const [problem, setProblem] = createSignal<string | undefined>()
  const verify = async () => {
    setReport('running')
    setProblem(undefined)
    try {
      setReport(await api.json<VerifyReport>('/api/v1/audit/verify', { method: 'POST' }))
    } catch (error) {
      setReport(undefined)
      setProblem(error instanceof Error ? error.message : String(error))
    }
  }
  const damaged = (r: VerifyReport) =>
    (['data', 'system'] as Trail[]).find((trail) => r.trails[trail].firstBadSeq !== undefined)

  return (
    <section>
      <h1>{t('healthTitle')}</h1>
      <Show when={health()}>
        {(h) => (
          <dl class="facts">
            <dt>{t('serverStatus')}</dt>
            <dd>
              <Tag tone={h().status === 'ok' ? 'ok' : 'critical'}>
                {h().status === 'ok' ? t('serverOk') : h().status}
              </Tag>
            </dd>
            <dt>{t('serverVersion')}</dt>
            <dd>{h().version}</dd>
            <For each={['data', 'system'] as Trail[]}>
              {(trail) => (
                <>
                  <dt>{t('trail')}</dt>
                  <dd>
                    {t('trailSize', {
                      trail: trailName(trail),
                      size: formatCount(h().trails[trail].size),
                    })}
                  </dd>
                </>
              )}
            </For>
          </dl>
        )}
      </Show>
      <For each={checkpoints() ?? []}>
        {(c) => (
          <section>
            <h2>{t('checkpointOf', { trail: trailName(c.trail) })}</h2>
            <dl class="facts">
              <dt>{t('treeSize')}</dt>
              <dd>{formatCount(c.cp.size)}</dd>
              <dt>{t('rootHash')}</dt>
              <dd>
                <code>{c.cp.rootHash}</code>
              </dd>
            </dl>
          </section>
        )}
      </For>
      <p>
        {t('keyFingerprint')}: <code>{fingerprint() ?? '…'}</code> —{' '}
        <span class="vt-muted">{t('keyFingerprintHint')}</span>
      </p>
      <Show when={hasRole('qa', 'auditor', 'sysadmin')}>
        <button
          type="button"
          class="vt-primary"
          disabled={report() === 'running'}
          onClick={() => void verify()}
        >
          {t('verifyTrails')}
        </button>
        <Switch>
          <Match when={report() === 'running'}>
            <Progress label={t('verifyingTrails')} />
          </Match>
          <Match when={typeof report() === 'object' && (report() as VerifyReport)}>
            {(r) => (
              <p role="status">
                {r().ok ? (
                  <Tag tone="ok">✓ {t('trailsIntact')}</Tag>
                ) : (
                  <Tag tone="critical">
                    {t('trailsDamaged', {
                      trail: trailName(damaged(r()) ?? 'data'),
                      seq: r().trails[damaged(r()) ?? 'data'].firstBadSeq ?? '?',
                    })}
                  </Tag>
                )}
              </p>
            )}
          </Match>
        </Switch>
      </Show>
      <Show when={problem()}>
        <p class="vt-error" role="alert">
          {problem()}
        </p>
      </Show>
    </section>
  )
}
