import { TimeChart } from '@veritrail/ui/chart'
import { createMemo, Show, type JSX } from 'solid-js'
import type { BackupView } from '../api/types.ts'
import { formatBytes, locale, t } from '../i18n/i18n.ts'
import { axisUnit, inUnit, rpoSeries, sizeSeries, timeDetail } from './backup-series.ts'
import { UNIT_MESSAGES } from './duration-text.ts'

const FULL = '#0b5cad'
const INCREMENTAL = '#b26b00'
const WINDOW = '#0b5cad'
const NOW = '#b42318'
const TARGET = '#1a7f37'

/** Backup sizes (full and incremental apart) and the data-loss window over time. */
export function BackupCharts(props: {
  backups: BackupView[]
  now: number
  rpoTargetMs: number | null
}): JSX.Element {
  const sizes = createMemo(() => sizeSeries(props.backups))
  const rpo = createMemo(() => rpoSeries(props.backups, props.now, props.rpoTargetMs))
  const unit = createMemo(() => axisUnit(Math.max(rpo().worstMs ?? 0, props.rpoTargetMs ?? 0)))
  const inAxisUnit = (values: (number | null)[]) =>
    values.map((v) => (v === null ? null : inUnit(v, unit())))
  const timeFormat = createMemo(() => {
    const times = rpo().times
    const detail = timeDetail((times.at(-1) ?? 0) - (times[0] ?? 0))
    return new Intl.DateTimeFormat(locale(), {
      month: 'numeric',
      day: 'numeric',
      ...(detail === 'days' ? {} : { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
      ...(detail === 'seconds' ? { second: '2-digit' } : {}),
    })
  })
  const formatTime = (ms: number) => timeFormat().format(ms)
  const formatDuration = (v: number) =>
    t(UNIT_MESSAGES[unit()], {
      n: v.toLocaleString(locale(), { maximumFractionDigits: 1 }),
    })

  return (
    <Show
      when={sizes().times.length > 0}
      fallback={<p class="vt-muted">{t('chartsAfterFirst')}</p>}
    >
      <div class="chart-row">
        <TimeChart
          title={t('backupSizesChart')}
          times={sizes().times}
          timeLabel={t('when')}
          formatTime={formatTime}
          valueLabel={t('backupSize')}
          formatValue={formatBytes}
          series={[
            { label: t('backupFull'), values: sizes().full, color: FULL, style: 'bars' },
            {
              label: t('backupIncremental'),
              values: sizes().incremental,
              color: INCREMENTAL,
              style: 'bars',
            },
          ]}
        />
        <TimeChart
          title={t('rpoChart')}
          times={rpo().times}
          timeLabel={t('when')}
          formatTime={formatTime}
          valueLabel={t('dataLossWindow')}
          formatValue={formatDuration}
          series={[
            {
              label: t('rpoWindow'),
              values: inAxisUnit(rpo().window),
              color: WINDOW,
              style: 'line',
            },
            { label: t('rpoNow'), values: inAxisUnit(rpo().current), color: NOW, style: 'points' },
            ...(props.rpoTargetMs === null
              ? []
              : [
                  {
                    label: t('rpoAllowed'),
                    values: inAxisUnit(rpo().target),
                    color: TARGET,
                    style: 'level' as const,
                  },
                ]),
          ]}
        />
      </div>
    </Show>
  )
}
