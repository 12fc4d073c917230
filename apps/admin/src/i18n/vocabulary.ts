import { createRoot, createSignal } from 'solid-js'
import type { Locale } from '../api/client.ts'
import { locale } from './i18n.ts'

type Labels = Record<string, Record<Locale, string>>

/** `GET /api/v1/vocabulary`: the core's words for the codes of the API, in both languages. */
export interface Vocabulary {
  actions: Labels
  roles: Labels
  meanings: Labels
}

const [vocabulary, setVocabulary] = createRoot(() => createSignal<Vocabulary | undefined>())

/**
 * Fetches the labels once per sign-in (they change only with the server's version). The screen
 * never shows a code: until they arrive, or if the server cannot give them, a code is shown
 * made readable (`login_failed` → `Login failed`).
 */
export async function loadVocabulary(fetchJson: (path: string) => Promise<unknown>): Promise<void> {
  try {
    setVocabulary((await fetchJson('/api/v1/vocabulary')) as Vocabulary)
  } catch {
    setVocabulary(undefined)
  }
}

/** Sets the labels directly (component tests). */
export const provideVocabulary = (value: Vocabulary | undefined) => setVocabulary(value)

function label(kind: keyof Vocabulary, code: string): string {
  return vocabulary()?.[kind][code]?.[locale()] ?? humanize(code)
}

/** `qa` → `Quality assurance` / `质量保证`. */
export const roleLabel = (code: string) => label('roles', code)
/** `login_failed` → `Sign-in refused` / `登录被拒绝`. */
export const actionLabel = (code: string) => label('actions', code)
/** `approval` → `Approved` / `批准`. */
export const meaningLabel = (code: string) => label('meanings', code)

/** Every action the server records, labelled in the reader's language (the filter list). */
export function actionChoices(): { code: string; label: string }[] {
  return Object.keys(vocabulary()?.actions ?? {}).map((code) => ({
    code,
    label: actionLabel(code),
  }))
}

/** `sterilisationTime` or `login_failed` → `Sterilisation time` / `Login failed`. */
export function humanize(code: string): string {
  const words = code
    .replace(/[_.-]+/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}
