import type { JSX } from 'solid-js'

export type Tone = 'neutral' | 'info' | 'change' | 'critical' | 'ok'

/** A small coloured label; the colour repeats what the words say, never replaces them. */
export function Tag(props: { tone: Tone; children: JSX.Element; title?: string }): JSX.Element {
  return (
    <span class={`vt-tag vt-tone-${props.tone}`} title={props.title}>
      {props.children}
    </span>
  )
}
