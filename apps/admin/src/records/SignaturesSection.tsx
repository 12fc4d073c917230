import { LocalTime, Tag } from '@veritrail/ui'
import { createResource, For, Show, Suspense, type JSX } from 'solid-js'
import type { Signature } from '../api/types.ts'
import { api } from '../app/session.ts'
import { locale, t } from '../i18n/i18n.ts'
import { meaningLabel } from '../i18n/vocabulary.ts'

/**
 * The record's electronic signatures and whether each covers the current version (CONTRACT §6).
 * Shown only when the server answers the signatures endpoint; nothing is made up otherwise.
 */
export function SignaturesSection(props: { type: string; id: string }): JSX.Element {
  const [signatures] = createResource(
    () => ({ type: props.type, id: props.id }),
    async (k) => {
      const url = `/api/v1/records/${encodeURIComponent(k.type)}/${encodeURIComponent(k.id)}/signatures`
      const res = await api.response(url).catch(() => undefined)
      return res ? ((await res.json()) as Signature[]) : undefined
    },
  )
  return (
    <Suspense>
      <Show when={signatures()}>
        {(list) => (
          <section aria-labelledby="signatures-title">
            <h2 id="signatures-title">{t('signatures')}</h2>
            <Show when={list().length > 0} fallback={<p class="vt-muted">{t('noSignatures')}</p>}>
              <ul class="plain-list">
                <For each={list()}>
                  {(s) => (
                    <li>
                      <strong>{meaningLabel(s.meaning)}</strong> · {s.signer.displayName} ·{' '}
                      <LocalTime iso={s.ts} locale={locale()} utcLabel={t('utc')} />{' '}
                      <Tag tone={s.coversCurrentVersion ? 'ok' : 'change'}>
                        {s.coversCurrentVersion ? t('signatureCovers') : t('signatureStale')}
                      </Tag>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </section>
        )}
      </Show>
    </Suspense>
  )
}
