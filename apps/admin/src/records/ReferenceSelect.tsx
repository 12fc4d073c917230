import { createResource, For, Show, type JSX } from 'solid-js'
import type { RecordPage } from '../api/types.ts'
import { Link } from '../app/router.tsx'
import { api } from '../app/session.ts'
import { t } from '../i18n/i18n.ts'
import { recordSummary, recordTypeById } from './record-types.ts'

/** Records of `type` to choose from: the most recent ones, by their summary. */
function useChoices(type: () => string) {
  return createResource(type, async (id) => {
    const page = await api.json<RecordPage>(`/api/v1/records/${encodeURIComponent(id)}?limit=200`)
    return page.records.map((r) => ({
      id: r.id,
      label: recordSummary(recordTypeById(id), r.data, `${t('versionN', { version: r.version })}`),
    }))
  })[0]
}

/** A reference to another record: a choice of existing records and a link to the chosen one. */
export function ReferenceSelect(props: {
  id: string
  type: string
  value: string
  onChange: (id: string) => void
  describedBy?: string | undefined
  invalid?: boolean
}): JSX.Element {
  const choices = useChoices(() => props.type)
  return (
    <span class="reference">
      <select
        id={props.id}
        value={props.value}
        onChange={(e) => props.onChange(e.currentTarget.value)}
        aria-describedby={props.describedBy}
        aria-invalid={props.invalid}
      >
        <option value="">{t('chooseRecord')}</option>
        <For each={choices() ?? []}>
          {(c) => (
            <option value={c.id} selected={c.id === props.value}>
              {c.label}
            </option>
          )}
        </For>
      </select>
      <Show when={props.value}>
        <Link
          href={`/records/${encodeURIComponent(props.type)}/${encodeURIComponent(props.value)}`}
        >
          {t('open')}
        </Link>
      </Show>
    </span>
  )
}

/** Several references: a multiple choice list. */
export function ReferenceMultiSelect(props: {
  id: string
  type: string
  value: string[]
  onChange: (ids: string[]) => void
  describedBy?: string | undefined
}): JSX.Element {
  const choices = useChoices(() => props.type)
  return (
    <select
      id={props.id}
      multiple
      size={5}
      aria-describedby={props.describedBy}
      onChange={(e) => props.onChange([...e.currentTarget.selectedOptions].map((o) => o.value))}
    >
      <For each={choices() ?? []}>
        {(c) => (
          <option value={c.id} selected={props.value.includes(c.id)}>
            {c.label}
          </option>
        )}
      </For>
    </select>
  )
}
