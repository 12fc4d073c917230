import { createPagedSource, formatLocalTime, Tag, VirtualList } from '@veritrail/ui'
import { createEffect, on, Show, type JSX } from 'solid-js'
import { query } from '../api/client.ts'
import type { RecordPage, RecordType, RecordView } from '../api/types.ts'
import { Link, navigate } from '../app/router.tsx'
import { api, hasRole } from '../app/session.ts'
import { locale, t } from '../i18n/i18n.ts'
import { recordSummary, recordTypeById, recordTypes } from './record-types.ts'

/** Records of one type, newest first, paged by cursor as the list scrolls. */
export default function RecordListPage(props: { params: Record<string, string> }): JSX.Element {
  const type = () => (recordTypes() ? recordTypeById(props.params.type!) : undefined)
  const fetcher = (typeId: string) => async (cursor: string | undefined, signal: AbortSignal) => {
    const page = await api.json<RecordPage>(
      `/api/v1/records/${encodeURIComponent(typeId)}${query({ limit: 100, cursor })}`,
      { signal },
    )
    return { items: page.records, nextCursor: page.nextCursor }
  }
  const source = createPagedSource<RecordView>(fetcher(props.params.type!))
  createEffect(
    on(
      () => props.params.type!,
      (id) => void source.reset(fetcher(id)),
      { defer: true },
    ),
  )
  const href = (r: RecordView) =>
    `/records/${encodeURIComponent(r.type)}/${encodeURIComponent(r.id)}`

  return (
    <section class="list-page">
      <header class="page-head">
        <p class="vt-muted">
          <Link href="/records">{t('recordsTitle')}</Link>
        </p>
        <h1>{type()?.title ?? ''}</h1>
        <Show when={hasRole('operator')}>
          <Link
            href={`/records/${encodeURIComponent(props.params.type!)}/new`}
            class="button-link vt-primary"
          >
            {t('newRecord')}
          </Link>
        </Show>
      </header>
      <VirtualList
        source={source}
        label={type()?.title ?? t('recordsTitle')}
        rowHeight={44}
        rowKey={(r) => r.id}
        onOpen={(r) => navigate(href(r))}
        renderRow={(r) => <RecordRow type={type()} record={r} />}
        text={{
          loading: t('loading'),
          empty: t('noRecords'),
          error: (m) => t('errorGeneric', { message: m }),
          retry: t('retry'),
        }}
      />
    </section>
  )
}

function RecordRow(props: { type: RecordType | undefined; record: RecordView }): JSX.Element {
  const state = () => {
    const lc = props.type?.lifecycle
    return lc?.states.find((s) => s.id === props.record.data?.[lc.field])?.label
  }
  return (
    <div class="record-row">
      <strong>
        {recordSummary(
          props.type,
          props.record.data,
          t('versionN', { version: props.record.version }),
        )}
      </strong>
      <Show when={state()}>{(s) => <Tag tone="neutral">{s()}</Tag>}</Show>
      <span class="vt-muted">
        {t('versionN', { version: props.record.version })} ·{' '}
        {formatLocalTime(props.record.ts, locale())}
      </span>
    </div>
  )
}
