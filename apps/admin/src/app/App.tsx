import {
  createMemo,
  For,
  lazy,
  Match,
  onMount,
  Show,
  Suspense,
  Switch,
  type Component,
  type JSX,
} from 'solid-js'
import { Dynamic } from 'solid-js/web'
import { MfaRequiredPage } from '../account/MfaRequiredPage.tsx'
import { SignInPage } from '../auth/SignInPage.tsx'
import { locale, t } from '../i18n/i18n.ts'
import { LanguageSwitch } from './LanguageSwitch.tsx'
import { roleLabel } from '../i18n/vocabulary.ts'
import { Link, location, matchPath } from './router.tsx'
import { ROUTES, type RouteEntry } from './routes.ts'
import {
  currentUser,
  mfaEnrolmentRequired,
  restoreSession,
  sessionChecked,
  signOut,
} from './session.ts'

const pages = new Map<RouteEntry, Component<{ params: Record<string, string> }>>()
const pageOf = (route: RouteEntry) => {
  let page = pages.get(route)
  if (!page) {
    page = lazy(route.load)
    pages.set(route, page)
  }
  return page
}

/** The application: the sign-in screen, or the shell with navigation and the current page. */
export function App(): JSX.Element {
  onMount(() => {
    document.documentElement.lang = locale()
    void restoreSession()
  })
  return (
    <Show when={sessionChecked()} fallback={<p class="vt-muted app-boot">{t('loading')}</p>}>
      <Show when={currentUser()} fallback={<SignInPage />}>
        <Show when={!mfaEnrolmentRequired()} fallback={<MfaRequiredPage />}>
          <Shell />
        </Show>
      </Show>
    </Show>
  )
}

function Shell(): JSX.Element {
  const matched = createMemo(() => {
    for (const route of ROUTES) {
      const params = matchPath(route.pattern, location().path)
      if (params) return { route, params }
    }
    return undefined
  })
  const allowed = (route: RouteEntry) =>
    currentUser()?.roles.some((r) => route.roles.includes(r)) ?? false
  const nav = () => ROUTES.filter((r) => r.nav && allowed(r))
  const current = (route: RouteEntry) =>
    route.pattern === '/'
      ? location().path === '/'
      : location().path === route.pattern || location().path.startsWith(`${route.pattern}/`)

  return (
    <div class="shell">
      <a class="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <header class="topbar">
        <Link href="/" class="brand">
          {t('appName')}
        </Link>
        <span class="who">
          {t('signedInAs', {
            name: currentUser()?.displayName ?? '',
            roles: (currentUser()?.roles ?? []).map(roleLabel).join(', '),
          })}
        </span>
        <Link
          href="/account"
          class="topbar-link"
          aria-current={location().path === '/account' ? 'page' : undefined}
        >
          {t('myAccount')}
        </Link>
        <LanguageSwitch />
        <button type="button" onClick={() => void signOut()}>
          {t('signOut')}
        </button>
      </header>
      <nav class="sidenav" aria-label={t('mainNav')}>
        <ul>
          <For each={nav()}>
            {(route, i) => (
              <>
                <Show when={route.group && route.group !== nav()[i() - 1]?.group}>
                  <li class="nav-group" aria-hidden="true">
                    {t(route.group!)}
                  </li>
                </Show>
                <li>
                  <Link href={route.pattern} aria-current={current(route) ? 'page' : undefined}>
                    {t(route.nav!)}
                  </Link>
                </li>
              </>
            )}
          </For>
        </ul>
      </nav>
      <main id="main" class="content" tabindex="-1">
        <Suspense fallback={<p class="vt-muted">{t('loading')}</p>}>
          <Switch fallback={<p>{t('notFoundPage')}</p>}>
            <Match when={matched() && !allowed(matched()!.route)}>
              <p role="alert">{t('notAllowed')}</p>
            </Match>
            <Match when={matched()}>
              {(m) => <Dynamic component={pageOf(m().route)} params={m().params} />}
            </Match>
          </Switch>
        </Suspense>
      </main>
    </div>
  )
}
