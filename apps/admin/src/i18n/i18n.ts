import { createRoot, createSignal } from 'solid-js'
import type { Locale } from '../api/client.ts'
import { en, type MessageKey } from './en.ts'
import { zhCN } from './zh-CN.ts'

const STORAGE_KEY = 'veritrail.locale'
const DICTIONARIES: Record<Locale, Record<MessageKey, string>> = { en, 'zh-CN': zhCN }

function initialLocale(): Locale {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY)
  if (stored === 'en' || stored === 'zh-CN') return stored
  return globalThis.navigator?.language?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en'
}

const [locale, setLocaleSignal] = createRoot(() => createSignal<Locale>(initialLocale()))

/** The reader's language: English or Simplified Chinese. */
export { locale }

/** Switches the language and remembers it in this browser. */
export function setLocale(next: Locale): void {
  globalThis.localStorage?.setItem(STORAGE_KEY, next)
  document.documentElement.lang = next
  setLocaleSignal(next)
}

/** The message `key` in the current language, with `{name}` placeholders filled in. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const text = DICTIONARIES[locale()][key]
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`))
}

/** `12,345` / `12,345` in the current language. */
export function formatCount(n: number): string {
  return n.toLocaleString(locale())
}

/** `1.2 MB` */
export function formatBytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB']
  let value = n
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${value.toLocaleString(locale(), { maximumFractionDigits: unit === 0 ? 0 : 1 })} ${units[unit]}`
}
