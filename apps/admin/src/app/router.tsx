import { createRoot, createSignal, type JSX } from 'solid-js'

const [location, setLocation] = createRoot(() =>
  createSignal({ path: window.location.pathname, search: window.location.search }),
)
window.addEventListener('popstate', () =>
  setLocation({ path: window.location.pathname, search: window.location.search }),
)

/** The current path and query (reactive). */
export { location }

/** Goes to `to` (a path with an optional query) without reloading the page. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', to)
  else history.pushState(null, '', to)
  setLocation({ path: window.location.pathname, search: window.location.search })
  if (!options.replace) window.scrollTo?.(0, 0)
}

/** The query parameters of the current location (reactive). */
export function searchParams(): URLSearchParams {
  return new URLSearchParams(location().search)
}

/** Params of `pattern` (`/records/:type/:id`) matched against `path`, or undefined. */
export function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/').filter(Boolean)
  const got = path.split('/').filter(Boolean)
  if (want.length !== got.length) return undefined
  const params: Record<string, string> = {}
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!
    const g = decodeURIComponent(got[i]!)
    if (w.startsWith(':')) params[w.slice(1)] = g
    else if (w !== g) return undefined
  }
  return params
}

/** An in-app link: a real `<a href>` (open in a new tab works) that navigates in place. */
export function Link(props: {
  href: string
  class?: string
  children: JSX.Element
  'aria-current'?: 'page' | undefined
}): JSX.Element {
  return (
    <a
      href={props.href}
      class={props.class}
      aria-current={props['aria-current']}
      onClick={(event) => {
        if (
          event.defaultPrevented ||
          event.button !== 0 ||
          event.metaKey ||
          event.ctrlKey ||
          event.shiftKey ||
          event.altKey
        )
          return
        event.preventDefault()
        navigate(props.href)
      }}
    >
      {props.children}
    </a>
  )
}
