import { For, Show, type JSX } from 'solid-js'
import { Link } from '../app/router.tsx'
import { t } from '../i18n/i18n.ts'
import { recordTypes } from './record-types.ts'

/** The record types of this installation. */
export default function RecordTypesPage(): JSX.Element {
  return (
    <section>
      <h1>{t('recordsTitle')}</h1>
      <Show when={recordTypes()} fallback={<p class="vt-muted">{t('loading')}</p>}>
        <ul class="card-list" aria-label={t('recordTypes')}>
          <For each={recordTypes()}>
            {(rt) => (
              <li class="card">
                <Link href={`/records/${encodeURIComponent(rt.id)}`}>{rt.title}</Link>
                <span class="vt-muted">
                  {' '}
                  · {rt.fields.filter((f) => f.critical).length} {t('criticalField')}
                </span>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  )
}
