/** The locales Veritrail ships labels for. Labels inside entries use the site's default locale. */
export type Locale = 'en' | 'zh-CN'
export const LOCALES: readonly Locale[] = ['en', 'zh-CN']

/** A text in every supported locale. */
export type LocalizedText = Record<Locale, string>

/** Picks a locale from an `Accept-Language` header or `?locale=` value (`en` by default). */
export function pickLocale(value: string | null | undefined): Locale {
  if (!value) return 'en'
  for (const part of value.split(',')) {
    const tag = part.split(';')[0]!.trim().toLowerCase()
    if (tag.startsWith('zh')) return 'zh-CN'
    if (tag.startsWith('en')) return 'en'
  }
  return 'en'
}
