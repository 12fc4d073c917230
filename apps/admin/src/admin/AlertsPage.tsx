import { LocalTime } from '@veritrail/ui'
import { createResource, For, Show, type JSX } from 'solid-js'
import type { Alert } from '../api/types.ts'
import { api } from '../app/session.ts'
import { locale, t } from '../i18n/i18n.ts'
import { humanize } from '../i18n/vocabulary.ts'

/** Security, backup and verification alerts, newest first. */
export default function AlertsPage(): JSX.Element {
  const [alerts] = createResource(() => api.json<Alert[]>('/api/v1/alerts'))
  const time = (a: Alert) =>
    typeof a.ts === 'string'
      ? a.ts
      : typeof a.createdTs === 'string'
        ? (a.createdTs as string)
        : undefined
  const text = (a: Alert) =>
    a.message ?? (typeof a.summary === 'string' ? a.summary : JSON.stringify(a.details ?? a))
  return (
    <section>
      <h1>{t('alertsTitle')}</h1>
      <Show when={alerts()} fallback={<p class="vt-muted">{t('loading')}</p>}>
        <Show when={alerts()!.length > 0} fallback={<p class="vt-muted">{t('noAlerts')}</p>}>
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col">{t('alertTime')}</th>
                <th scope="col">{t('alertKind')}</th>
                <th scope="col">{t('alertMessage')}</th>
              </tr>
            </thead>
            <tbody>
              <For each={alerts()}>
                {(a) => (
                  <tr>
                    <td>
                      {time(a) ? (
                        <LocalTime iso={time(a)!} locale={locale()} utcLabel={t('utc')} />
                      ) : (
                        t('empty')
                      )}
                    </td>
                    <td>{humanize(String(a.kind ?? a.type ?? ''))}</td>
                    <td>{text(a)}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </Show>
      </Show>
    </section>
  )
}
