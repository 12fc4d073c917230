import { ReasonDialog, type ReasonChoice } from '@veritrail/ui'
import { createEffect, createResource, createSignal, on, Show, type JSX } from 'solid-js'
import { fieldErrors, isApiError } from '../api/problem.ts'
import type { RecordData, RecordView } from '../api/types.ts'
import { Link, navigate } from '../app/router.tsx'
import { api } from '../app/session.ts'
import { t } from '../i18n/i18n.ts'
import {
  criticalChanges,
  formFields,
  fromFormValues,
  toFormValues,
  type FormValue,
} from './form-model.ts'
import { reasonDialogText } from './reason-text.ts'
import { RecordForm } from './RecordForm.tsx'
import { recordTypeById, recordTypes } from './record-types.ts'

const recordUrl = (type: string, id: string) =>
  `/api/v1/records/${encodeURIComponent(type)}/${encodeURIComponent(id)}`

/** Create or edit a record with a form generated from its type; asks for a reason first when critical fields change. */
export default function RecordEditPage(props: { params: Record<string, string> }): JSX.Element {
  const type = () => (recordTypes() ? recordTypeById(props.params.type!) : undefined)
  const fields = () => (type() ? formFields(type()!) : [])
  const [current] = createResource(
    () => props.params.id,
    (id) => api.json<RecordView>(recordUrl(props.params.type!, id)),
  )
  const [values, setValues] = createSignal<Record<string, FormValue>>({})
  const [errors, setErrors] = createSignal<Record<string, string>>({})
  const [problem, setProblem] = createSignal<string | undefined>()
  const [conflict, setConflict] = createSignal<number | undefined>()
  const [asking, setAsking] = createSignal<{ fields: string[]; data: RecordData } | undefined>()
  const [busy, setBusy] = createSignal(false)

  createEffect(
    on([type, () => current()], ([rt, record]) => {
      if (!rt || (props.params.id && !record)) return
      setValues(toFormValues(formFields(rt), record?.data ?? null, rt))
    }),
  )

  const send = async (data: RecordData, reason?: ReasonChoice) => {
    setBusy(true)
    setProblem(undefined)
    setErrors({})
    const typeId = props.params.type!
    try {
      if (props.params.id) {
        const body = { data, baseVersion: current()!.version, ...(reason ? { reason } : {}) }
        await api.json(recordUrl(typeId, props.params.id), { method: 'PUT', body })
        navigate(`/records/${encodeURIComponent(typeId)}/${encodeURIComponent(props.params.id)}`)
      } else {
        const created = await api.json<{ id: string }>(
          `/api/v1/records/${encodeURIComponent(typeId)}`,
          { method: 'POST', body: { data } },
        )
        navigate(`/records/${encodeURIComponent(typeId)}/${encodeURIComponent(created.id)}`)
      }
    } catch (error) {
      refused(error, data)
    } finally {
      setBusy(false)
    }
  }

  const refused = (error: unknown, data: RecordData) => {
    if (!isApiError(error)) return setProblem(t('errorGeneric', { message: String(error) }))
    if (error.code === 'reason_required')
      return setAsking({ fields: criticalChanges(fields(), current()?.data ?? null, data), data })
    if (error.code === 'version_conflict') return setConflict(Number(error.extra.currentVersion))
    const byField = fieldErrors(error.errors)
    setErrors(byField)
    setProblem(Object.keys(byField).length > 0 ? t('formHasErrors') : error.message)
  }

  const submit = (event: Event) => {
    event.preventDefault()
    const { data, errors: found } = fromFormValues(fields(), values(), current()?.data ?? null)
    if (Object.keys(found).length > 0) {
      setErrors(Object.fromEntries(Object.entries(found).map(([k, key]) => [k, t(key)])))
      setProblem(t('formHasErrors'))
      document.getElementById(`field-${Object.keys(found)[0]}`)?.focus()
      return
    }
    const critical = props.params.id ? criticalChanges(fields(), current()?.data ?? null, data) : []
    if (critical.length > 0) setAsking({ fields: critical, data })
    else void send(data)
  }

  return (
    <Show when={type()} fallback={<p class="vt-muted">{t('loading')}</p>}>
      {(rt) => (
        <form class="vt-form record-edit" onSubmit={submit} novalidate>
          <h1>
            {rt().title}
            <span class="vt-muted"> · {props.params.id ? t('editRecord') : t('newRecord')}</span>
          </h1>
          <RecordForm
            fields={fields()}
            values={values()}
            errors={errors()}
            onChange={(name, value) => setValues((v) => ({ ...v, [name]: value }))}
          />
          <Show when={problem()}>
            <p class="vt-error" role="alert">
              {problem()}
            </p>
          </Show>
          <Show when={conflict()}>
            {(version) => (
              <p class="vt-error" role="alert">
                {t('versionConflict', { version: version() })}{' '}
                <button type="button" onClick={() => location.reload()}>
                  {t('reload')}
                </button>
              </p>
            )}
          </Show>
          <div class="row-actions">
            <Link
              href={
                props.params.id
                  ? `/records/${encodeURIComponent(rt().id)}/${encodeURIComponent(props.params.id)}`
                  : `/records/${encodeURIComponent(rt().id)}`
              }
            >
              {t('cancel')}
            </Link>
            <button type="submit" class="vt-primary" disabled={busy()}>
              {busy() ? t('saving') : props.params.id ? t('saveRecord') : t('createRecord')}
            </button>
          </div>
          <ReasonDialog
            open={asking() !== undefined}
            fields={asking()?.fields ?? []}
            reasons={rt().reasons}
            text={reasonDialogText()}
            busy={busy()}
            onCancel={() => setAsking(undefined)}
            onConfirm={(reason) => {
              const data = asking()!.data
              setAsking(undefined)
              void send(data, reason)
            }}
          />
        </form>
      )}
    </Show>
  )
}
