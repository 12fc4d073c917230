import { For, Show, type JSX } from 'solid-js'
import { formatValue, type ValueText } from '../value/format-value.ts'
import type { DiffRow } from './diff-rows.ts'

export interface DiffViewText extends ValueText {
  caption: string
  field: string
  before: string
  after: string
  changed: string
  critical: string
  noChanges: string
}

export interface DiffViewProps {
  rows: DiffRow[]
  text: DiffViewText
  /** Headings of the two value columns (e.g. "Version 2" / "Version 3"). */
  beforeLabel?: string
  afterLabel?: string
  /** Renders a value instead of the plain text (links to records, attachments). */
  renderValue?: (row: DiffRow, side: 'old' | 'new') => JSX.Element | undefined
}

/** Old and new values side by side, one field per row; changed rows are marked in words too. */
export function DiffView(props: DiffViewProps): JSX.Element {
  const cell = (row: DiffRow, side: 'old' | 'new') =>
    props.renderValue?.(row, side) ?? (
      <span class="vt-pre">{formatValue(row[side], props.text)}</span>
    )
  return (
    <Show when={props.rows.length > 0} fallback={<p class="vt-muted">{props.text.noChanges}</p>}>
      <table class="vt-diff">
        <caption class="vt-sr-only">{props.text.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{props.text.field}</th>
            <th scope="col">{props.beforeLabel ?? props.text.before}</th>
            <th scope="col">{props.afterLabel ?? props.text.after}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.rows}>
            {(row) => (
              <tr
                classList={{
                  'is-changed': row.changed,
                  'is-critical': row.changed && row.critical === true,
                }}
              >
                <th scope="row">
                  {row.label}
                  <Show when={row.critical}>
                    <span class="vt-tag vt-tag-critical">{props.text.critical}</span>
                  </Show>
                  <Show when={row.changed}>
                    <span class="vt-sr-only"> ({props.text.changed})</span>
                  </Show>
                </th>
                <td class="vt-diff-old">{cell(row, 'old')}</td>
                <td class="vt-diff-new">{cell(row, 'new')}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </Show>
  )
}
