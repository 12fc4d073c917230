import { createPagedSource, VirtualList } from '@veritrail/ui'
import {
  createEffect,
  createMemo,
  createResource,
  createSignal,
  on,
  Show,
  Suspense,
  type JSX,
} from 'solid-js'
import type { AuditPage as Page, Entry } from '../api/types.ts'
import { navigate, searchParams } from '../app/router.tsx'
import { api } from '../app/session.ts'
import { formatCount, locale, t } from '../i18n/i18n.ts'
import { isCriticalField, recordTypes } from '../records/record-types.ts'
import { AuditFilters } from './AuditFilters.tsx'
import {
  auditApiQuery,
  filtersFromSearch,
  filtersToSearch,
  matchesReason,
  type AuditFilters as Filters,
} from './audit-query.ts'
import { EntryDetail } from './EntryDetail.tsx'
import { EntryRow } from './EntryRow.tsx'
import { classifyEntry } from './exception.ts'
import { checkpointKeyFingerprint } from './verification.ts'

const PAGE_SIZE = 100
const ROW_HEIGHT = 58

const entryKey = (e: Entry) => `${e.trail}:${e.seq}`

/**
 * The audit trails: filters, a windowed list fed page by page by cursor, review-by-exception
 * colours, and the opened entry's detail with its in-browser verification.
 */
export default function AuditPage(): JSX.Element {
  const filters = createMemo(() => filtersFromSearch(searchParams()), undefined, {
    equals: (a, b) => JSON.stringify(a) === JSON.stringify(b),
  })
  const openKey = () => searchParams().get('entry') ?? undefined
  const [opened, setOpened] = createSignal<Entry | undefined>()

  const fetcher = (f: Filters) => async (cursor: string | undefined, signal: AbortSignal) => {
    const page = await api.json<Page>(`/api/v1/audit${auditApiQuery(f, cursor, PAGE_SIZE)}`, {
      signal,
    })
    const items = f.reason.trim()
      ? page.entries.filter((e) => matchesReason(e, f.reason))
      : page.entries
    return { items, nextCursor: page.nextCursor }
  }
  const source = createPagedSource<Entry>(fetcher(filters()))
  createEffect(on([filters, locale], ([f]) => void source.reset(fetcher(f)), { defer: true }))

  // An entry named in the URL (a shared link) is fetched by itself if it is not in the list.
  createEffect(
    on(openKey, async (key) => {
      if (!key) return setOpened(undefined)
      const inList = source.items().find((e) => entryKey(e) === key)
      if (inList) return setOpened(inList)
      const [trail, seq] = key.split(':')
      setOpened(await api.json<Entry>(`/api/v1/audit/${trail}/${seq}`).catch(() => undefined))
    }),
  )

  const [fingerprint] = createResource(checkpointKeyFingerprint)
  const critical = (type: string, field: string) =>
    recordTypes() ? isCriticalField(type, field) : false

  const apply = (f: Filters) => navigate(`/audit${filtersToSearch(f)}`)
  const open = (entry: Entry) => {
    setOpened(entry)
    navigate(`/audit${filtersToSearch(filters(), { entry: entryKey(entry) })}`, { replace: true })
  }

  return (
    <div class="audit-page">
      <header class="page-head">
        <h1>{t('auditTitle')}</h1>
        <p class="vt-muted fingerprint" title={t('keyFingerprintHint')}>
          {t('keyFingerprint')}:{' '}
          <Suspense fallback="…">
            <code>{fingerprint() ?? '…'}</code>
          </Suspense>
        </p>
      </header>
      <AuditFilters value={filters()} onApply={apply} />
      <p class="vt-muted list-status" role="status">
        {t(source.done() ? 'entriesLoaded' : 'entriesLoadedMore', {
          count: formatCount(source.items().length),
        })}
        {' · '}
        <span class="legend">
          {t('exceptionLegend')}: <span class="swatch exception-none">{t('exceptionNone')}</span>
          <span class="swatch exception-change">{t('exceptionChange')}</span>
          <span class="swatch exception-critical">{t('exceptionCritical')}</span>
        </span>
      </p>
      <div class="audit-split">
        <VirtualList
          id="audit-list"
          source={source}
          label={t('entriesLabel')}
          rowHeight={ROW_HEIGHT}
          rowKey={entryKey}
          openKey={openKey()}
          onOpen={open}
          prefetchRows={60}
          renderRow={(entry) => (
            <EntryRow entry={entry} exception={classifyEntry(entry, critical)} />
          )}
          text={{
            loading: t('loading'),
            empty: t('noEntries'),
            error: (m) => t('errorGeneric', { message: m }),
            retry: t('retry'),
          }}
          onFirstRows={() => performance.mark('veritrail:audit-first-rows')}
        />
        <aside class="audit-detail" aria-label={t('details')}>
          <Show when={opened()} fallback={<p class="vt-muted">{t('selectEntry')}</p>}>
            {(entry) => <EntryDetail entry={entry()} />}
          </Show>
        </aside>
      </div>
    </div>
  )
}
