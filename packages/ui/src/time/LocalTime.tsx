import type { JSX } from 'solid-js'
import { formatLocalTime, formatUtc } from './format-time.ts'

export interface LocalTimeProps {
  /** ISO 8601 time with `Z`, as the server stores it. */
  iso: string
  locale: string
  utcLabel?: string
}

/** A server time in the reader's local time with its zone; UTC on hover and for tools. */
export function LocalTime(props: LocalTimeProps): JSX.Element {
  return (
    <time datetime={props.iso} title={`${props.utcLabel ?? 'UTC'}: ${formatUtc(props.iso)}`}>
      {formatLocalTime(props.iso, props.locale)}
    </time>
  )
}
