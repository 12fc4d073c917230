import { describedBy, Field } from '@veritrail/ui'
import { For, Match, Switch, type JSX } from 'solid-js'
import { locale, t } from '../i18n/i18n.ts'
import { AttachmentInput } from './AttachmentInput.tsx'
import type { FormField, FormValue } from './form-model.ts'
import { ReferenceMultiSelect, ReferenceSelect } from './ReferenceSelect.tsx'
import { RowsEditor } from './RowsEditor.tsx'

export interface RecordFormProps {
  fields: FormField[]
  values: Record<string, FormValue>
  onChange: (name: string, value: FormValue) => void
  /** Messages beside fields: from the form's own checks or the server's `errors[].path`. */
  errors: Record<string, string>
}

/** The fields of a record type as a form: labels, units, critical markers, messages beside fields. */
export function RecordForm(props: RecordFormProps): JSX.Element {
  return (
    <div class="record-form">
      <p class="vt-muted">{t('criticalHint')}</p>
      <For each={props.fields.filter((f) => !f.lifecycle)}>
        {(field) => (
          <Field
            for={`field-${field.name}`}
            label={field.label}
            unit={field.unit}
            required={field.required}
            badge={field.critical ? t('criticalField') : undefined}
            hint={field.list === 'text' ? t('onePerLine') : undefined}
            error={props.errors[field.name]}
          >
            <FieldControl
              field={field}
              value={props.values[field.name]}
              onChange={(v) => props.onChange(field.name, v)}
              error={props.errors[field.name]}
            />
          </Field>
        )}
      </For>
    </div>
  )
}

function FieldControl(props: {
  field: FormField
  value: FormValue | undefined
  onChange: (value: FormValue) => void
  error: string | undefined
}): JSX.Element {
  const id = () => `field-${props.field.name}`
  const described = () =>
    describedBy(id(), props.field.list === 'text' ? 'hint' : undefined, props.error)
  const text = () => (typeof props.value === 'string' ? props.value : '')
  const common = () => ({
    id: id(),
    name: props.field.name,
    'aria-describedby': described(),
    'aria-invalid': props.error !== undefined,
    required: props.field.required,
  })
  const lang = () => (locale() === 'zh-CN' ? 'zh-CN' : 'en')
  return (
    <Switch
      fallback={
        <input
          {...common()}
          value={text()}
          maxLength={props.field.maxLength}
          onInput={(e) => props.onChange(e.currentTarget.value)}
        />
      }
    >
      <Match when={props.field.kind === 'longtext' || props.field.kind === 'object'}>
        <textarea
          {...common()}
          rows={props.field.kind === 'object' ? 6 : 3}
          value={text()}
          onInput={(e) => props.onChange(e.currentTarget.value)}
        />
      </Match>
      <Match when={props.field.kind === 'boolean'}>
        <input
          {...common()}
          required={false}
          type="checkbox"
          checked={props.value === true}
          onChange={(e) => props.onChange(e.currentTarget.checked)}
        />
      </Match>
      <Match when={props.field.kind === 'integer' || props.field.kind === 'number'}>
        <input
          {...common()}
          type="number"
          step={props.field.kind === 'integer' ? '1' : 'any'}
          value={text()}
          onInput={(e) => props.onChange(e.currentTarget.value)}
        />
      </Match>
      <Match when={props.field.kind === 'decimal'}>
        <input
          {...common()}
          inputmode="decimal"
          value={text()}
          onInput={(e) => props.onChange(e.currentTarget.value)}
        />
      </Match>
      <Match when={props.field.kind === 'date'}>
        <input
          {...common()}
          type="date"
          lang={lang()}
          value={text()}
          onInput={(e) => props.onChange(e.currentTarget.value)}
        />
      </Match>
      <Match when={props.field.kind === 'datetime'}>
        <input
          {...common()}
          type="datetime-local"
          step="1"
          lang={lang()}
          value={text()}
          onInput={(e) => props.onChange(e.currentTarget.value)}
        />
      </Match>
      <Match when={props.field.kind === 'enum'}>
        <select
          {...common()}
          value={text()}
          onChange={(e) => props.onChange(e.currentTarget.value)}
        >
          <option value="" />
          <For each={props.field.options ?? []}>
            {(o) => (
              <option value={o.value} selected={o.value === text()}>
                {o.label}
              </option>
            )}
          </For>
        </select>
      </Match>
      <Match when={props.field.kind === 'reference' && props.field.references}>
        <ReferenceSelect
          id={id()}
          type={props.field.references!}
          value={text()}
          onChange={props.onChange}
          describedBy={described()}
          invalid={props.error !== undefined}
        />
      </Match>
      <Match when={props.field.kind === 'attachment'}>
        <AttachmentInput
          id={id()}
          value={text()}
          onChange={props.onChange}
          describedBy={described()}
        />
      </Match>
      <Match when={props.field.list === 'reference'}>
        <ReferenceMultiSelect
          id={id()}
          type={props.field.references!}
          value={Array.isArray(props.value) ? (props.value as string[]) : []}
          onChange={props.onChange}
          describedBy={described()}
        />
      </Match>
      <Match when={props.field.list === 'rows'}>
        <RowsEditor
          id={id()}
          label={props.field.label}
          columns={props.field.columns ?? []}
          value={Array.isArray(props.value) ? (props.value as Record<string, string>[]) : []}
          onChange={props.onChange}
        />
      </Match>
      <Match when={props.field.list === 'text'}>
        <textarea
          {...common()}
          rows={3}
          value={Array.isArray(props.value) ? (props.value as string[]).join('\n') : ''}
          onInput={(e) => props.onChange(e.currentTarget.value.split('\n'))}
        />
      </Match>
    </Switch>
  )
}
