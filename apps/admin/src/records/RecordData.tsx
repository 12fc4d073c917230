import { formatValue, LocalTime, type JsonValue } from '@veritrail/ui'
import { For, Match, Show, Switch, type JSX } from 'solid-js'
import type { RecordField, RecordType } from '../api/types.ts'
import { Link } from '../app/router.tsx'
import { valueText } from '../audit/entry-text.ts'
import { locale, t } from '../i18n/i18n.ts'
import { recordTypeById } from './record-types.ts'

/** A record's data as people read it: field labels, option labels, links and downloads. */
export function RecordData(props: {
  type: RecordType
  data: Record<string, JsonValue> | null
}): JSX.Element {
  return (
    <dl class="facts record-data">
      <For each={props.type.fields.filter((f) => props.data?.[f.name] !== undefined)}>
        {(field) => (
          <>
            <dt>
              {field.label}
              <Show when={field.unit}>
                <span class="vt-unit"> ({field.unit})</span>
              </Show>
            </dt>
            <dd>
              <FieldValue field={field} value={props.data![field.name]!} />
            </dd>
          </>
        )}
      </For>
    </dl>
  )
}

/** One stored value, rendered by its field's kind. */
export function FieldValue(props: {
  field: Pick<RecordField, 'kind' | 'options' | 'references'>
  value: JsonValue | undefined
}): JSX.Element {
  const refHref = (id: string) =>
    `/records/${encodeURIComponent(props.field.references!)}/${encodeURIComponent(id)}`
  const refLabel = () => recordTypeById(props.field.references ?? '')?.title ?? t('open')
  return (
    <Switch fallback={<span class="vt-pre">{formatValue(props.value, valueText())}</span>}>
      <Match when={props.value === undefined || props.value === null}>{t('empty')}</Match>
      <Match when={props.field.kind === 'enum' && typeof props.value === 'string'}>
        {props.field.options?.find((o) => o.value === props.value)?.label ?? String(props.value)}
      </Match>
      <Match when={props.field.kind === 'datetime' && typeof props.value === 'string'}>
        <LocalTime iso={props.value as string} locale={locale()} utcLabel={t('utc')} />
      </Match>
      <Match when={props.field.kind === 'reference' && typeof props.value === 'string'}>
        <Link href={refHref(props.value as string)}>
          {refLabel()} · {t('open')}
        </Link>
      </Match>
      <Match
        when={props.field.kind === 'list' && props.field.references && Array.isArray(props.value)}
      >
        <ul class="plain-list">
          <For each={props.value as string[]}>
            {(id, i) => (
              <li>
                <Link href={refHref(id)}>
                  {refLabel()} {i() + 1}
                </Link>
              </li>
            )}
          </For>
        </ul>
      </Match>
      <Match when={props.field.kind === 'attachment' && typeof props.value === 'string'}>
        <a href={`/api/v1/attachments/${props.value as string}`} download="">
          {t('download')}
        </a>
      </Match>
    </Switch>
  )
}
