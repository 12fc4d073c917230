import { LocalTime, ReasonDialog, Tag, type ReasonChoice } from '@veritrail/ui'
import { createResource, createSignal, Show, type JSX } from 'solid-js'
import { isApiError } from '../api/problem.ts'
import type { RecordType, RecordView } from '../api/types.ts'
import { Link } from '../app/router.tsx'
import { api, hasRole } from '../app/session.ts'
import { locale, t } from '../i18n/i18n.ts'
import { reasonDialogText } from './reason-text.ts'
import { RecordData } from './RecordData.tsx'
import { recordSummary, recordTypeById, recordTypes } from './record-types.ts'
import { SignaturesSection } from './SignaturesSection.tsx'
import { TransitionBar } from './TransitionBar.tsx'
import { VersionHistory } from './VersionHistory.tsx'

export const recordApi = (type: string, id: string) =>
  `/api/v1/records/${encodeURIComponent(type)}/${encodeURIComponent(id)}`

/** One record: its state and transitions, data, versions with side-by-side comparison, signatures. */
export default function RecordPage(props: { params: Record<string, string> }): JSX.Element {
  const type = () => (recordTypes() ? recordTypeById(props.params.type!) : undefined)
  const key = () => ({ type: props.params.type!, id: props.params.id! })
  const [versions, { refetch }] = createResource(key, (k) =>
    api.json<RecordView[]>(`${recordApi(k.type, k.id)}/versions`),
  )
  const current = () => versions()?.at(-1)

  return (
    <Show
      when={type() && current()}
      fallback={
        <Show when={versions.error} fallback={<p class="vt-muted">{t('loading')}</p>}>
          <p class="vt-error">{t('errorGeneric', { message: String(versions.error) })}</p>
        </Show>
      }
    >
      <RecordBody
        type={type()!}
        record={current()!}
        versions={versions() ?? []}
        onChanged={() => void refetch()}
      />
    </Show>
  )
}

function RecordBody(props: {
  type: RecordType
  record: RecordView
  versions: RecordView[]
  onChanged: () => void
}): JSX.Element {
  const [deleting, setDeleting] = createSignal(false)
  const [problem, setProblem] = createSignal<string | undefined>()
  const stateLabel = () => {
    const lc = props.type.lifecycle
    const value = props.record.data?.[lc?.field ?? '']
    return lc?.states.find((s) => s.id === value)?.label
  }
  const locked = () => {
    const lc = props.type.lifecycle
    return lc?.states.find((s) => s.id === props.record.data?.[lc.field])?.locks === true
  }
  const remove = async (reason: ReasonChoice) => {
    setDeleting(false)
    try {
      await api.json(recordApi(props.type.id, props.record.id), {
        method: 'DELETE',
        body: { reason },
      })
      props.onChanged()
    } catch (error) {
      setProblem(isApiError(error) ? error.message : String(error))
    }
  }
  return (
    <article class="record-page">
      <header class="page-head">
        <p class="vt-muted">
          <Link href={`/records/${encodeURIComponent(props.type.id)}`}>{props.type.title}</Link>
        </p>
        <h1>{recordSummary(props.type, props.record.data, props.type.title)}</h1>
        <p>
          <Show when={stateLabel()}>
            {(label) => (
              <>
                {t('state')}: <Tag tone={locked() ? 'info' : 'neutral'}>{label()}</Tag>{' '}
              </>
            )}
          </Show>
          {t('version')} {props.record.version} · {t('lastChanged')}{' '}
          <LocalTime iso={props.record.ts} locale={locale()} utcLabel={t('utc')} />
          <Show when={props.record.deleted}>
            {' '}
            <Tag tone="critical">{t('deleted')}</Tag>
          </Show>
        </p>
        <div class="row-actions">
          <Show when={hasRole('operator') && !props.record.deleted && !locked()}>
            <Link
              href={`/records/${encodeURIComponent(props.type.id)}/${encodeURIComponent(props.record.id)}/edit`}
              class="button-link"
            >
              {t('editRecord')}
            </Link>
          </Show>
          <Show when={!props.record.deleted && props.type.deletable.some((r) => hasRole(r))}>
            <button type="button" class="vt-danger" onClick={() => setDeleting(true)}>
              {t('deleteRecord')}
            </button>
          </Show>
          <Link href={`/audit?recordId=${encodeURIComponent(props.record.id)}`}>
            {t('recordEntries')}
          </Link>
        </div>
      </header>
      <Show when={problem()}>
        <p class="vt-error" role="alert">
          {problem()}
        </p>
      </Show>
      <Show when={props.type.lifecycle && !props.record.deleted && hasRole('operator', 'qa')}>
        <TransitionBar type={props.type} record={props.record} onChanged={props.onChanged} />
      </Show>
      <section aria-labelledby="data-title">
        <h2 id="data-title">{t('recordData')}</h2>
        <RecordData
          type={props.type}
          data={props.record.data ?? props.versions.at(-2)?.data ?? null}
        />
      </section>
      <SignaturesSection type={props.type.id} id={props.record.id} />
      <VersionHistory type={props.type} versions={props.versions} />
      <ReasonDialog
        open={deleting()}
        fields={[]}
        reasons={props.type.reasons}
        text={reasonDialogText({
          title: t('deleteTitle'),
          intro: t('deleteIntro'),
          confirm: t('deleteRecord'),
        })}
        onCancel={() => setDeleting(false)}
        onConfirm={(reason) => void remove(reason)}
      />
    </article>
  )
}
