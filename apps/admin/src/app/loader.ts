import { createEffect, createSignal, on, type Accessor } from 'solid-js'

export interface Loaded<T> {
  (): T | undefined
  error: Accessor<unknown>
}

/**
 * Data fetched whenever `source` changes to something other than undefined, kept in a plain
 * signal: unlike `createResource`, reading it never suspends the page around it (for caches
 * that many components read, such as the record types).
 */
export function createLoader<S, T>(
  source: Accessor<S | undefined>,
  fetch: (source: S) => Promise<T>,
): Loaded<T> {
  const [value, setValue] = createSignal<T | undefined>()
  const [error, setError] = createSignal<unknown>()
  let run = 0
  createEffect(
    on(source, (s) => {
      if (s === undefined) return
      const own = ++run
      fetch(s).then(
        (v) => own === run && (setValue(() => v), setError(undefined)),
        (e: unknown) => own === run && setError(e),
      )
    }),
  )
  return Object.assign(() => value(), { error })
}
