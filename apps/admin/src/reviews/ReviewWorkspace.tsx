import { createPagedSource, Tag, VirtualList } from '@veritrail/ui'
import { createSignal, For, Show, type JSX } from 'solid-js'
import { query } from '../api/client.ts'
import { isApiError } from '../api/problem.ts'
import type { Finding, Review, ReviewEntry } from '../api/types.ts'
import { Link, navigate } from '../app/router.tsx'
import { api, currentUser } from '../app/session.ts'
import { EntryRow } from '../audit/EntryRow.tsx'
import { formatCount, t } from '../i18n/i18n.ts'

const severityTone = (s: Finding['severity']) =>
  s === 'critical' ? 'critical' : s === 'warning' ? 'change' : 'info'
export const severityLabel = (s: string) =>
  t(s === 'critical' ? 'severityCritical' : s === 'warning' ? 'severityWarning' : 'severityInfo')

/** One open review: its findings with resolution notes, its entries, and the signed completion. */
export function ReviewWorkspace(props: { review: Review; onClosed: () => void }): JSX.Element {
  const base = `/api/v1/reviews/${encodeURIComponent(props.review.id)}`
  const source = createPagedSource<ReviewEntry>(async (cursor, signal) => {
    const page = await api.json<{ entries: ReviewEntry[]; nextCursor: string | null }>(
      `${base}/entries${query({ cursor })}`,
      { signal },
    )
    return { items: page.entries, nextCursor: page.nextCursor }
  })
  const [notes, setNotes] = createSignal<Record<string, string>>({})
  const [conclusion, setConclusion] = createSignal('')
  const [password, setPassword] = createSignal('')
  const [problem, setProblem] = createSignal<string | undefined>()
  const [done, setDone] = createSignal(false)

  const complete = async (event: Event) => {
    event.preventDefault()
    setProblem(undefined)
    try {
      const resolutions = props.review.findings
        .filter((f) => notes()[f.id]?.trim())
        .map((f) => ({ findingId: f.id, note: notes()[f.id]!.trim() }))
      await api.json(`${base}/complete`, {
        method: 'POST',
        body: {
          conclusion: conclusion(),
          resolutions,
          password: password(),
          username: currentUser()?.username,
          meaning: 'review',
        },
      })
      setDone(true)
    } catch (error) {
      setProblem(
        isApiError(error) && error.code === 'segregation_of_duties'
          ? t('sodRefused')
          : error instanceof Error
            ? error.message
            : String(error),
      )
    } finally {
      setPassword('')
    }
  }

  return (
    <div class="review">
      <p>{t('entriesInScope', { count: formatCount(props.review.entryCount) })}</p>
      <h2>{t('findings')}</h2>
      <Show
        when={props.review.findings.length > 0}
        fallback={<p class="vt-muted">{t('noFindings')}</p>}
      >
        <ul class="plain-list findings">
          <For each={props.review.findings}>
            {(f) => (
              <li>
                <Tag tone={severityTone(f.severity)}>{severityLabel(f.severity)}</Tag> {f.message} ·{' '}
                <Link
                  href={`/audit?entry=${f.trail ?? props.review.scope.trail ?? 'data'}:${f.seq}`}
                >
                  #{f.seq}
                </Link>
                <label class="vt-label">
                  {t('resolution')}
                  <textarea
                    rows="2"
                    value={notes()[f.id] ?? ''}
                    onInput={(e) => setNotes((n) => ({ ...n, [f.id]: e.currentTarget.value }))}
                  />
                </label>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <h2>{t('entriesLabel')}</h2>
      <div class="review-entries">
        <VirtualList
          source={source}
          label={t('entriesLabel')}
          rowHeight={58}
          rowKey={(e) => `${e.entry.trail}:${e.seq}`}
          onOpen={(e) => navigate(`/audit?entry=${e.entry.trail}:${e.seq}`)}
          renderRow={(e) => <EntryRow entry={e.entry} exception={e.colour} />}
          text={{
            loading: t('loading'),
            empty: t('noEntries'),
            error: (m) => t('errorGeneric', { message: m }),
            retry: t('retry'),
          }}
        />
      </div>
      <Show when={!done()} fallback={<p role="status">{t('reviewCompleted')}</p>}>
        <form class="vt-form" onSubmit={complete}>
          <label class="vt-label">
            {t('conclusion')}
            <textarea
              rows="3"
              required
              value={conclusion()}
              onInput={(e) => setConclusion(e.currentTarget.value)}
            />
          </label>
          <label class="vt-label">
            {t('signPassword')}
            <input
              type="password"
              required
              autocomplete="current-password"
              value={password()}
              onInput={(e) => setPassword(e.currentTarget.value)}
            />
          </label>
          <Show when={problem()}>
            <p class="vt-error" role="alert">
              {problem()}
            </p>
          </Show>
          <div class="row-actions">
            <button type="button" onClick={() => props.onClosed()}>
              {t('back')}
            </button>
            <button type="submit" class="vt-primary">
              {t('completeReview')}
            </button>
          </div>
        </form>
      </Show>
    </div>
  )
}
