import { LocalTime, Tag } from '@veritrail/ui'
import { For, Show, type JSX } from 'solid-js'
import type { BackupStatusView, DrillSummary } from '../api/types.ts'
import { locale, t } from '../i18n/i18n.ts'
import { durationText } from './duration-text.ts'

/**
 * The two figures an inspector asks for first: how old the newest good backup is against the
 * RPO the schedules promise, and how the last restore drill went (RTO and verification).
 */
export function BackupStatus(props: {
  status: BackupStatusView
  targetLabel: (id: string) => string
  busy: boolean
  onDrillNewest: () => void
}): JSX.Element {
  const age = () => {
    const last = props.status.lastCompleted
    return last ? Math.max(0, Date.parse(props.status.now) - Date.parse(last.finishedAt)) : null
  }
  const overdue = () => {
    const target = props.status.rpoTargetMs
    const a = age()
    return target !== null && a !== null && a > target
  }
  return (
    <div class="status-cards">
      <section class="status-card" aria-labelledby="last-backup-title">
        <h2 id="last-backup-title">{t('lastGoodBackup')}</h2>
        <Show
          when={props.status.lastCompleted}
          fallback={
            <p>
              <Tag tone="critical">{t('noGoodBackup')}</Tag>
            </p>
          }
        >
          {(last) => (
            <dl class="facts">
              <dt>{t('when')}</dt>
              <dd>
                <LocalTime iso={last().finishedAt} locale={locale()} utcLabel={t('utc')} />
              </dd>
              <dt>{t('backupKind')}</dt>
              <dd>
                {t(last().kind === 'full' ? 'backupFull' : 'backupIncremental')} ·{' '}
                {props.targetLabel(last().target)}
              </dd>
              <dt>{t('backupAge')}</dt>
              <dd>
                {durationText(age() ?? 0)}{' '}
                <Show when={props.status.rpoTargetMs !== null}>
                  <Tag tone={overdue() ? 'critical' : 'ok'}>
                    {t(overdue() ? 'rpoExceeded' : 'rpoMet')}
                  </Tag>
                </Show>
              </dd>
            </dl>
          )}
        </Show>
        <p class="vt-hint">
          {props.status.rpoTargetMs === null
            ? t('rpoNoSchedule')
            : t('rpoTarget', { duration: durationText(props.status.rpoTargetMs) })}
        </p>
      </section>
      <section class="status-card" aria-labelledby="last-drill-title">
        <h2 id="last-drill-title">{t('lastDrill')}</h2>
        <Show when={props.status.lastDrill} fallback={<p>{t('noDrill')}</p>}>
          {(drill) => <DrillFacts drill={drill()} targetLabel={props.targetLabel} />}
        </Show>
        <button
          type="button"
          disabled={props.busy || !props.status.lastCompleted}
          onClick={() => props.onDrillNewest()}
        >
          {t('drillNewest')}
        </button>
      </section>
    </div>
  )
}

function DrillFacts(props: { drill: DrillSummary; targetLabel: (id: string) => string }) {
  const yesNo = (ok: boolean) => <Tag tone={ok ? 'ok' : 'critical'}>{t(ok ? 'yes' : 'no')}</Tag>
  return (
    <>
      <dl class="facts">
        <dt>{t('when')}</dt>
        <dd>
          <LocalTime iso={props.drill.ts} locale={locale()} utcLabel={t('utc')} />
        </dd>
        <dt>{t('drillOutcome')}</dt>
        <dd>
          <Tag tone={props.drill.ok ? 'ok' : 'critical'}>
            {t(props.drill.ok ? 'drillPassed' : 'drillFailed')}
          </Tag>
        </dd>
        <dt>{t('drillRto')}</dt>
        <dd>{t('unitSeconds', { n: (props.drill.rtoMs / 1000).toFixed(1) })}</dd>
        <dt>{t('backupTarget')}</dt>
        <dd>{props.targetLabel(props.drill.target)}</dd>
        <dt>{t('drillIntegrity')}</dt>
        <dd>{yesNo(props.drill.integrity)}</dd>
        <dt>{t('drillVerified')}</dt>
        <dd>{yesNo(props.drill.verified)}</dd>
        <dt>{t('drillCheckpoint')}</dt>
        <dd>{yesNo(props.drill.matchesCheckpoint)}</dd>
      </dl>
      <Show when={props.drill.problems.length > 0}>
        <ul class="vt-error">
          <For each={props.drill.problems}>{(p) => <li>{p}</li>}</For>
        </ul>
      </Show>
    </>
  )
}
