import { formatLocalTime, Tag } from '@veritrail/ui'
import { Show, type JSX } from 'solid-js'
import type { Entry } from '../api/types.ts'
import { locale } from '../i18n/i18n.ts'
import {
  actionText,
  changesSummary,
  exceptionLabel,
  exceptionTone,
  reasonText,
  roleText,
  targetText,
} from './entry-text.ts'
import type { ExceptionClass } from './exception.ts'

/** One entry in the list: what, when, who, what changed and why — on two lines. */
export function EntryRow(props: { entry: Entry; exception: ExceptionClass }): JSX.Element {
  return (
    <div class={`entry-row exception-${props.exception}`}>
      <div class="entry-line">
        <Tag tone={exceptionTone(props.exception)}>{exceptionLabel(props.exception)}</Tag>
        <span class="entry-time">{formatLocalTime(props.entry.ts, locale())}</span>
        <strong class="entry-action">{actionText(props.entry)}</strong>
        <span class="entry-target">{targetText(props.entry)}</span>
        <span class="entry-seq">#{props.entry.seq}</span>
      </div>
      <div class="entry-line entry-sub">
        <span>
          {props.entry.actor.displayName} ({roleText(props.entry)})
        </span>
        <Show when={props.entry.changes?.length}>
          <span class="entry-changes">{changesSummary(props.entry)}</span>
        </Show>
        <Show when={reasonText(props.entry)}>
          {(reason) => <span class="entry-reason">“{reason()}”</span>}
        </Show>
      </div>
    </div>
  )
}
