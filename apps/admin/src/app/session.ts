import { createRoot, createSignal } from 'solid-js'
import { createApiClient } from '../api/client.ts'
import { isApiError, type ApiError } from '../api/problem.ts'
import type { User } from '../api/types.ts'
import { locale } from '../i18n/i18n.ts'

/** Why the sign-in screen is shown (a sentence on it). */
export type SignInNotice = 'idle' | 'ended' | 'signedOut' | undefined

const state = createRoot(() => {
  const [user, setUser] = createSignal<User | undefined>()
  const [notice, setNotice] = createSignal<SignInNotice>()
  const [checked, setChecked] = createSignal(false)
  return { user, setUser, notice, setNotice, checked, setChecked }
})

/** The signed-in account, undefined on the sign-in screen. */
export const currentUser = state.user
export const signInNotice = state.notice
/** True once the first `GET /auth/me` has answered. */
export const sessionChecked = state.checked

function sessionEnded(error: ApiError): void {
  if (!state.user()) return
  state.setUser(undefined)
  state.setNotice(error.idle ? 'idle' : 'ended')
}

/** The API client of the app: the session cookie, the reader's language, 401 → sign-in. */
export const api = createApiClient({ locale, onSessionEnded: sessionEnded })

/** Asks the server who is signed in (the HttpOnly cookie is invisible to scripts). */
export async function restoreSession(): Promise<void> {
  try {
    const me = await api.json<User>('/api/v1/auth/me')
    state.setUser({
      id: me.id,
      username: me.username,
      displayName: me.displayName,
      roles: me.roles,
    })
  } catch (error) {
    state.setUser(undefined)
    if (isApiError(error) && error.idle) state.setNotice('idle')
  } finally {
    state.setChecked(true)
  }
}

export function signedIn(user: User): void {
  state.setNotice(undefined)
  state.setUser(user)
}

export async function signOut(): Promise<void> {
  try {
    await api.json('/api/v1/auth/logout', { method: 'POST' })
  } finally {
    state.setUser(undefined)
    state.setNotice('signedOut')
  }
}

/** True when the signed-in account holds one of `roles`. */
export function hasRole(...roles: string[]): boolean {
  return currentUser()?.roles.some((r) => roles.includes(r)) ?? false
}
