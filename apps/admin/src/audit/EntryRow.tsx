import { createMemo, type JSX } from 'solid-js'
import type { Entry } from '../api/types.ts'
import { exceptionLabel, exceptionTone } from './entry-text.ts'
import type { ExceptionClass } from './exception.ts'
import { rowSummary } from './row-summary.ts'

/**
 * One entry in the list: what, when, who, what changed and why — on two lines. Fast scrolling
 * draws dozens of rows a frame, so the text is static (an entry never changes; the list draws it
 * anew when the language does) on two plain lines; only the review-by-exception class follows
 * what is known of the record types.
 */
export function EntryRow(props: { entry: Entry; exception: ExceptionClass }): JSX.Element {
  const { time, action, target, seq, who, changes, reason } = rowSummary(props.entry)
  const exception = createMemo(() => props.exception)
  return (
    <div class={`entry-row exception-${exception()}`}>
      <div class="entry-line">
        <span class={`vt-tag vt-tone-${exceptionTone(exception())}`}>
          {exceptionLabel(exception())}
        </span>
        <span class="entry-time">{time}</span>
        <strong class="entry-action">{action}</strong>
        <span class="entry-seq">#{seq}</span>
        <span class="entry-target">{target}</span>
      </div>
      <div class="entry-line entry-sub">
        <span>{who}</span>
        {changes ? <span class="entry-changes">{changes}</span> : null}
        {reason ? <span class="entry-reason">{reason}</span> : null}
      </div>
    </div>
  )
}
