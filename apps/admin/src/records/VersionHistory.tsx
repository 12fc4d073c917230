import { diffRows, DiffView, LocalTime } from '@veritrail/ui'
import { createEffect, createSignal, For, on, type JSX } from 'solid-js'
import type { RecordType, RecordView } from '../api/types.ts'
import { diffText } from '../audit/EntryDetail.tsx'
import { locale, t } from '../i18n/i18n.ts'

/** Every version, and any two of them side by side (by default the last change). */
export function VersionHistory(props: { type: RecordType; versions: RecordView[] }): JSX.Element {
  const last = () => props.versions.length
  const [from, setFrom] = createSignal(Math.max(1, last() - 1))
  const [to, setTo] = createSignal(last())
  createEffect(
    on(
      last,
      (n) => {
        setFrom(Math.max(1, n - 1))
        setTo(n)
      },
      { defer: true },
    ),
  )
  const byNumber = (n: number) => props.versions.find((v) => v.version === n)
  const label = (v: RecordView) =>
    `${t('versionN', { version: v.version })}${v.deleted ? ` (${t('deletedVersion')})` : ''}`
  const rows = () =>
    diffRows(
      byNumber(from())?.data,
      byNumber(to())?.data,
      props.type.fields.map((f) => ({ name: f.name, label: f.label, critical: f.critical })),
    )
  const select = (value: number, set: (n: number) => void, name: string) => (
    <label class="vt-label inline">
      {name}
      <select value={value} onChange={(e) => set(Number(e.currentTarget.value))}>
        <For each={props.versions}>
          {(v) => (
            <option value={v.version} selected={v.version === value}>
              {label(v)}
            </option>
          )}
        </For>
      </select>
    </label>
  )
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">{t('versionHistory')}</h2>
      <ol class="versions">
        <For each={props.versions}>
          {(v) => (
            <li>
              {label(v)} · <LocalTime iso={v.ts} locale={locale()} utcLabel={t('utc')} />
            </li>
          )}
        </For>
      </ol>
      <h3>{t('compareVersions')}</h3>
      <div class="row-actions">
        {select(from(), setFrom, t('compareFrom'))}
        {select(to(), setTo, t('compareTo'))}
      </div>
      <DiffView
        rows={rows()}
        text={diffText()}
        beforeLabel={t('versionN', { version: from() })}
        afterLabel={t('versionN', { version: to() })}
      />
    </section>
  )
}
