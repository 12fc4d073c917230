import { For, type JSX } from 'solid-js'
import { t } from '../i18n/i18n.ts'
import type { ColumnSpec } from './form-model.ts'

/** Rows of a list-of-objects field (bill of materials components), one input per column. */
export function RowsEditor(props: {
  id: string
  label: string
  columns: ColumnSpec[]
  value: Record<string, string>[]
  onChange: (rows: Record<string, string>[]) => void
}): JSX.Element {
  const update = (index: number, column: string, text: string) =>
    props.onChange(props.value.map((row, i) => (i === index ? { ...row, [column]: text } : row)))
  return (
    <div class="rows-editor" id={props.id}>
      <table>
        <thead>
          <tr>
            <For each={props.columns}>{(c) => <th scope="col">{c.label}</th>}</For>
            <th scope="col">
              <span class="vt-sr-only">{t('actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          <For each={props.value}>
            {(row, i) => (
              <tr>
                <For each={props.columns}>
                  {(c) => (
                    <td>
                      {c.options ? (
                        <select
                          aria-label={`${c.label} ${i() + 1}`}
                          value={row[c.name] ?? ''}
                          onChange={(e) => update(i(), c.name, e.currentTarget.value)}
                        >
                          <option value="" />
                          <For each={c.options}>
                            {(o) => (
                              <option value={o.value} selected={o.value === (row[c.name] ?? '')}>
                                {o.label}
                              </option>
                            )}
                          </For>
                        </select>
                      ) : (
                        <input
                          aria-label={`${c.label} ${i() + 1}`}
                          value={row[c.name] ?? ''}
                          inputmode={
                            c.kind === 'decimal' || c.kind === 'integer' ? 'decimal' : undefined
                          }
                          onInput={(e) => update(i(), c.name, e.currentTarget.value)}
                        />
                      )}
                    </td>
                  )}
                </For>
                <td>
                  <button
                    type="button"
                    onClick={() => props.onChange(props.value.filter((_, j) => j !== i()))}
                  >
                    {t('removeRow')}
                  </button>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <button type="button" onClick={() => props.onChange([...props.value, {}])}>
        {t('addRow')}
      </button>
    </div>
  )
}
