import { Tag } from '@veritrail/ui'
import { createResource, For, Show, type JSX } from 'solid-js'
import { api } from '../app/session.ts'
import { capability } from '../app/capabilities.ts'
import { t } from '../i18n/i18n.ts'
import { Unavailable } from './Unavailable.tsx'

interface Plugin {
  id: string
  version: string
  publisher?: string
  signed: boolean
  trusted: boolean
  enabled: boolean
}

/** Installed plugins (CONTRACT §9), when the server lists them. */
export default function PluginsPage(): JSX.Element {
  const available = capability('plugins')
  const [plugins] = createResource(
    () => available() === true,
    () => api.json<Plugin[]>('/api/v1/plugins'),
  )
  const flag = (on: boolean, label: string) => (
    <Tag tone={on ? 'ok' : 'neutral'}>{`${label}: ${on ? t('yes') : t('no')}`}</Tag>
  )
  return (
    <section>
      <h1>{t('pluginsTitle')}</h1>
      <Show when={available() !== undefined} fallback={<p class="vt-muted">{t('loading')}</p>}>
        <Show when={available()} fallback={<Unavailable />}>
          <ul class="card-list">
            <For each={plugins() ?? []}>
              {(p) => (
                <li class="card">
                  <strong>{p.id}</strong> {p.version} · {t('pluginPublisher')}:{' '}
                  {p.publisher ?? t('empty')} {flag(p.signed, t('pluginSigned'))}{' '}
                  {flag(p.trusted, t('pluginTrusted'))} {flag(p.enabled, t('pluginEnabled'))}
                </li>
              )}
            </For>
          </ul>
        </Show>
      </Show>
    </section>
  )
}
