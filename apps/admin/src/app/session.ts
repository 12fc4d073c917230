import { createRoot, createSignal } from 'solid-js'
import { createApiClient } from '../api/client.ts'
import { isApiError, type ApiError } from '../api/problem.ts'
import type { User } from '../api/types.ts'
import { locale } from '../i18n/i18n.ts'
import { loadVocabulary } from '../i18n/vocabulary.ts'

/** Why the sign-in screen is shown (a sentence on it). */
export type SignInNotice = 'idle' | 'ended' | 'signedOut' | undefined

const state = createRoot(() => {
  const [user, setUser] = createSignal<User | undefined>()
  const [notice, setNotice] = createSignal<SignInNotice>()
  const [checked, setChecked] = createSignal(false)
  const [mfaRequired, setMfaRequired] = createSignal(false)
  return { user, setUser, notice, setNotice, checked, setChecked, mfaRequired, setMfaRequired }
})

/** The signed-in account, undefined on the sign-in screen. */
export const currentUser = state.user
export const signInNotice = state.notice
/** True once the first `GET /auth/me` has answered. */
export const sessionChecked = state.checked
/** The account's role needs a second factor it has not enrolled: only enrolment is allowed. */
export const mfaEnrolmentRequired = state.mfaRequired

function sessionEnded(error: ApiError): void {
  if (!state.user()) return
  state.setUser(undefined)
  state.setNotice(error.idle ? 'idle' : 'ended')
}

/** The API client of the app: the session cookie, the reader's language, 401 → sign-in. */
export const api = createApiClient({ locale, onSessionEnded: sessionEnded })

/** Shows the app for `user` once the labels of the server's codes are in (one request). */
async function enter(user: User, mfaRequired: boolean): Promise<void> {
  await loadVocabulary((path) => api.json(path))
  state.setNotice(undefined)
  state.setMfaRequired(mfaRequired)
  state.setUser({
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: user.roles,
  })
}

/** Asks the server who is signed in (the HttpOnly cookie is invisible to scripts). */
export async function restoreSession(): Promise<void> {
  try {
    const me = await api.json<User & { mfaEnrolmentRequired?: boolean }>('/api/v1/auth/me')
    await enter(me, me.mfaEnrolmentRequired === true)
  } catch (error) {
    state.setUser(undefined)
    if (isApiError(error) && error.idle) state.setNotice('idle')
  } finally {
    state.setChecked(true)
  }
}

/** After `POST /auth/login`: its user, and whether the role still needs a second factor. */
export function signedIn(user: User, mfaRequired = false): Promise<void> {
  return enter(user, mfaRequired)
}

/** The second factor is enrolled: the whole app opens. */
export function mfaEnrolled(): void {
  state.setMfaRequired(false)
}

export async function signOut(): Promise<void> {
  try {
    await api.json('/api/v1/auth/logout', { method: 'POST' })
  } finally {
    state.setUser(undefined)
    state.setMfaRequired(false)
    state.setNotice('signedOut')
  }
}

/** True when the signed-in account holds one of `roles`. */
export function hasRole(...roles: string[]): boolean {
  return currentUser()?.roles.some((r) => roles.includes(r)) ?? false
}
