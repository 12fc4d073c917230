import type { JSX } from 'solid-js'
import { locale, setLocale, t } from '../i18n/i18n.ts'

/** English / 中文, remembered in this browser. */
export function LanguageSwitch(): JSX.Element {
  return (
    <div class="lang-switch" role="group" aria-label={t('language')}>
      <button
        type="button"
        lang="en"
        aria-pressed={locale() === 'en'}
        onClick={() => setLocale('en')}
      >
        English
      </button>
      <button
        type="button"
        lang="zh-CN"
        aria-pressed={locale() === 'zh-CN'}
        onClick={() => setLocale('zh-CN')}
      >
        中文
      </button>
    </div>
  )
}
