import { diffRows, DiffView, LocalTime, formatLocalTime, type JsonValue } from '@veritrail/ui'
import { For, Show, type JSX } from 'solid-js'
import type { Entry } from '../api/types.ts'
import { Link } from '../app/router.tsx'
import { locale, t } from '../i18n/i18n.ts'
import { humanize } from '../i18n/vocabulary.ts'
import { isCriticalField, recordTypeById } from '../records/record-types.ts'
import { actionText, fieldText, reasonText, roleText, targetText, valueText } from './entry-text.ts'
import { VerifiedBadge } from './VerifiedBadge.tsx'

export function diffText() {
  return {
    ...valueText(),
    caption: t('changesCaption'),
    field: t('field'),
    before: t('before'),
    after: t('after'),
    changed: t('changed'),
    critical: t('critical'),
    noChanges: t('noChanges'),
  }
}

/** Everything about one entry: who, when, what changed (old → new), why, from where — verified. */
export function EntryDetail(props: { entry: Entry }): JSX.Element {
  const e = () => props.entry
  const rows = () => {
    const changes = e().changes ?? []
    const old = Object.fromEntries(
      changes.filter((c) => c.old !== undefined).map((c) => [c.field, c.old as JsonValue]),
    )
    const now = Object.fromEntries(
      changes.filter((c) => c.new !== undefined).map((c) => [c.field, c.new as JsonValue]),
    )
    const fields = changes.map((c) => ({
      name: c.field,
      label: fieldText(e(), c.field, c.label),
      critical: e().target ? isCriticalField(e().target!.type, c.field) : false,
    }))
    return diffRows(old, now, fields).map((r) => ({ ...r, changed: true }))
  }
  const recordLink = () => {
    const target = e().target
    if (!target || target.type === 'veritrail.account' || !recordTypeById(target.type))
      return undefined
    return `/records/${encodeURIComponent(target.type)}/${encodeURIComponent(target.id)}`
  }
  return (
    <article class="entry-detail" aria-labelledby="entry-detail-title">
      <h2 id="entry-detail-title">
        {actionText(e())} <span class="vt-muted">{targetText(e())}</span>
      </h2>
      <p class="vt-muted">
        {t('entryTitle', {
          seq: e().seq,
          trail: t(e().trail === 'data' ? 'trailNameData' : 'trailNameSystem'),
        })}
      </p>
      <dl class="facts">
        <dt>{t('when')}</dt>
        <dd>
          <LocalTime iso={e().ts} locale={locale()} utcLabel={t('utc')} />
          <Show when={e().tz}>
            <span class="vt-muted">
              {' '}
              · {t('siteTime')}: {formatLocalTime(e().ts, locale(), e().tz)}
            </span>
          </Show>
        </dd>
        <dt>{t('who')}</dt>
        <dd>
          {e().actor.displayName} ({e().actor.username}) · {roleText(e())}
        </dd>
        <Show when={e().authorizer}>
          {(a) => (
            <>
              <dt>{t('authorizer')}</dt>
              <dd>{a().displayName}</dd>
            </>
          )}
        </Show>
        <dt>{t('why')}</dt>
        <dd class="entry-why">
          {reasonText(e()) ?? <span class="vt-muted">{t('noReason')}</span>}
        </dd>
        <dt>{t('where')}</dt>
        <dd>
          {e().client.ip || t('empty')} ·{' '}
          <span class="vt-muted">{e().client.userAgent || t('empty')}</span>
        </dd>
        <Show when={e().source}>
          {(s) => (
            <>
              <dt>{t('sourceSystem')}</dt>
              <dd>{s().system}</dd>
              <dt>{t('sourceUser')}</dt>
              <dd>{s().user}</dd>
              <dt>{t('sourceTime')}</dt>
              <dd>{s().ts}</dd>
              <dt>{t('sourceRef')}</dt>
              <dd>{s().ref}</dd>
            </>
          )}
        </Show>
      </dl>
      <Show when={recordLink()}>
        {(href) => (
          <p class="row-actions">
            <Link href={href()}>{t('openRecord')}</Link>
            <Link href={`/audit?recordId=${encodeURIComponent(e().target!.id)}`}>
              {t('recordEntries')}
            </Link>
          </p>
        )}
      </Show>
      <Show when={(e().changes?.length ?? 0) > 0}>
        <h3>{t('changes')}</h3>
        <DiffView rows={rows()} text={diffText()} />
      </Show>
      <Show when={e().details && Object.keys(e().details!).length > 0}>
        <h3>{t('details')}</h3>
        <dl class="facts">
          <For each={Object.entries(e().details ?? {})}>
            {([key, value]) => (
              <>
                <dt>{humanize(key)}</dt>
                <dd class="vt-pre">
                  {typeof value === 'object' ? JSON.stringify(value) : String(value)}
                </dd>
              </>
            )}
          </For>
        </dl>
      </Show>
      <VerifiedBadge entry={e()} />
    </article>
  )
}
