import { createSignal, For, Match, Show, Switch, type JSX } from 'solid-js'
import type { Review } from '../api/types.ts'
import { api } from '../app/session.ts'
import { localToIso } from '../audit/audit-query.ts'
import { t } from '../i18n/i18n.ts'
import { recordTypes } from '../records/record-types.ts'
import { ReferenceSelect } from '../records/ReferenceSelect.tsx'

/** Chooses the scope of a review: one record, or a period of a trail. */
export function OpenReviewForm(props: { onOpened: (review: Review) => void }): JSX.Element {
  const [kind, setKind] = createSignal<'record' | 'period'>('record')
  const [recordType, setRecordType] = createSignal('')
  const [recordId, setRecordId] = createSignal('')
  const [trail, setTrail] = createSignal<'data' | 'system'>('data')
  const [from, setFrom] = createSignal('')
  const [to, setTo] = createSignal('')
  const [problem, setProblem] = createSignal<string | undefined>()

  const submit = async (event: Event) => {
    event.preventDefault()
    setProblem(undefined)
    const scope =
      kind() === 'record'
        ? { recordType: recordType(), recordId: recordId() }
        : { trail: trail(), from: localToIso(from()), to: localToIso(to()) }
    try {
      props.onOpened(await api.json<Review>('/api/v1/reviews', { method: 'POST', body: { scope } }))
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error))
    }
  }

  return (
    <form class="vt-form" onSubmit={submit}>
      <h2>{t('newReview')}</h2>
      <fieldset>
        <legend>{t('reviewScope')}</legend>
        <label class="inline-check">
          <input
            type="radio"
            name="scope"
            checked={kind() === 'record'}
            onChange={() => setKind('record')}
          />{' '}
          {t('scopeRecord')}
        </label>
        <label class="inline-check">
          <input
            type="radio"
            name="scope"
            checked={kind() === 'period'}
            onChange={() => setKind('period')}
          />{' '}
          {t('scopePeriod')}
        </label>
      </fieldset>
      <Switch>
        <Match when={kind() === 'record'}>
          <label class="vt-label">
            {t('filterRecordType')}
            <select value={recordType()} onChange={(e) => setRecordType(e.currentTarget.value)}>
              <option value="" />
              <For each={recordTypes() ?? []}>
                {(rt) => (
                  <option value={rt.id} selected={rt.id === recordType()}>
                    {rt.title}
                  </option>
                )}
              </For>
            </select>
          </label>
          <Show when={recordType()}>
            <label class="vt-label" for="review-record">
              {t('filterRecordId')}
            </label>
            <ReferenceSelect
              id="review-record"
              type={recordType()}
              value={recordId()}
              onChange={setRecordId}
            />
          </Show>
        </Match>
        <Match when={kind() === 'period'}>
          <label class="vt-label">
            {t('trail')}
            <select
              value={trail()}
              onChange={(e) => setTrail(e.currentTarget.value as 'data' | 'system')}
            >
              <option value="data">{t('trailData')}</option>
              <option value="system">{t('trailSystem')}</option>
            </select>
          </label>
          <label class="vt-label">
            {t('filterFrom')}
            <input
              type="datetime-local"
              value={from()}
              onInput={(e) => setFrom(e.currentTarget.value)}
            />
          </label>
          <label class="vt-label">
            {t('filterTo')}
            <input
              type="datetime-local"
              value={to()}
              onInput={(e) => setTo(e.currentTarget.value)}
            />
          </label>
        </Match>
      </Switch>
      <Show when={problem()}>
        <p class="vt-error" role="alert">
          {problem()}
        </p>
      </Show>
      <div>
        <button type="submit" class="vt-primary">
          {t('openReview')}
        </button>
      </div>
    </form>
  )
}
