import type { JSX } from 'solid-js'
import { t } from '../i18n/i18n.ts'

/** What a screen says while the server does not offer its endpoints yet. */
export function Unavailable(): JSX.Element {
  return (
    <p class="notice" role="status">
      {t('notAvailable')}
    </p>
  )
}
