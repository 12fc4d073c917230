import { createSignal, For, type JSX } from 'solid-js'
import { locale, t } from '../i18n/i18n.ts'
import { actionChoices } from '../i18n/vocabulary.ts'
import { recordTypes } from '../records/record-types.ts'
import { EMPTY_FILTERS, type AuditFilters as Filters } from './audit-query.ts'

/** Who, what, when, why and any text; applied with Enter or the Search button. */
export function AuditFilters(props: {
  value: Filters
  onApply: (filters: Filters) => void
}): JSX.Element {
  const [draft, setDraft] = createSignal<Filters>({ ...props.value })
  const set = <K extends keyof Filters>(key: K, value: Filters[K]) =>
    setDraft((d) => ({ ...d, [key]: value }))
  const text = (
    key: keyof Filters,
    label: string,
    attrs: JSX.InputHTMLAttributes<HTMLInputElement> = {},
  ) => (
    <label class="vt-label">
      {label}
      <input
        {...attrs}
        name={key}
        value={draft()[key]}
        onInput={(e) => set(key, e.currentTarget.value as never)}
      />
    </label>
  )
  const actions = () => actionChoices().sort((a, b) => a.label.localeCompare(b.label, locale()))

  return (
    <form
      class="filters"
      role="search"
      onSubmit={(e) => {
        e.preventDefault()
        props.onApply(draft())
      }}
    >
      <div class="filters-main">
        {text('q', t('filterSearch'), {
          type: 'search',
          placeholder: t('searchPlaceholder'),
          class: 'filter-q',
        })}
        <button type="submit" class="vt-primary">
          {t('applyFilters')}
        </button>
        <button
          type="button"
          onClick={() => {
            setDraft({ ...EMPTY_FILTERS })
            props.onApply({ ...EMPTY_FILTERS })
          }}
        >
          {t('clearFilters')}
        </button>
      </div>
      <div class="filters-grid">
        <label class="vt-label">
          {t('trail')}
          <select
            name="trail"
            value={draft().trail}
            onChange={(e) => set('trail', e.currentTarget.value as Filters['trail'])}
          >
            <option value="">{t('trailAll')}</option>
            <option value="data">{t('trailData')}</option>
            <option value="system">{t('trailSystem')}</option>
          </select>
        </label>
        {text('actor', t('filterWho'), { autocomplete: 'off' })}
        <label class="vt-label">
          {t('filterRecordType')}
          <select
            name="recordType"
            value={draft().recordType}
            onChange={(e) => set('recordType', e.currentTarget.value)}
          >
            <option value="">{t('any')}</option>
            <For each={recordTypes() ?? []}>
              {(rt) => (
                <option value={rt.id} selected={rt.id === draft().recordType}>
                  {rt.title}
                </option>
              )}
            </For>
          </select>
        </label>
        <label class="vt-label">
          {t('filterAction')}
          <select
            name="action"
            value={draft().action}
            onChange={(e) => set('action', e.currentTarget.value)}
          >
            <option value="">{t('any')}</option>
            <For each={actions()}>
              {(a) => (
                <option value={a.code} selected={a.code === draft().action}>
                  {a.label}
                </option>
              )}
            </For>
          </select>
        </label>
        {text('from', t('filterFrom'), { type: 'datetime-local' })}
        {text('to', t('filterTo'), { type: 'datetime-local' })}
        {text('reason', t('filterReason'))}
        <label class="vt-label">
          {t('order')}
          <select
            name="order"
            value={draft().order}
            onChange={(e) => set('order', e.currentTarget.value as Filters['order'])}
          >
            <option value="desc">{t('orderDesc')}</option>
            <option value="asc">{t('orderAsc')}</option>
          </select>
        </label>
      </div>
    </form>
  )
}
