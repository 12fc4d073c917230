import { ReasonDialog, type ReasonChoice } from '@veritrail/ui'
import { createSignal, For, Show, type JSX } from 'solid-js'
import { isApiError } from '../api/problem.ts'
import type { RecordType, RecordView } from '../api/types.ts'
import { api } from '../app/session.ts'
import { t } from '../i18n/i18n.ts'
import { meaningLabel } from '../i18n/vocabulary.ts'
import { reasonDialogText } from './reason-text.ts'

type Transition = NonNullable<RecordType['lifecycle']>['transitions'][number]

/** The transitions allowed from the record's state, as buttons (the server checks signatures and roles). */
export function TransitionBar(props: {
  type: RecordType
  record: RecordView
  onChanged: () => void
}): JSX.Element {
  const [problem, setProblem] = createSignal<string | undefined>()
  const [asking, setAsking] = createSignal<Transition | undefined>()
  const lifecycle = () => props.type.lifecycle!
  const allowed = () =>
    lifecycle().transitions.filter((tr) => tr.from === props.record.data?.[lifecycle().field])

  const run = async (transition: Transition, reason?: ReasonChoice) => {
    setProblem(undefined)
    try {
      const data = { ...props.record.data, [lifecycle().field]: transition.to }
      const url = `/api/v1/records/${encodeURIComponent(props.type.id)}/${encodeURIComponent(props.record.id)}`
      await api.json(url, {
        method: 'PUT',
        body: { data, baseVersion: props.record.version, ...(reason ? { reason } : {}) },
      })
      props.onChanged()
    } catch (error) {
      if (isApiError(error) && error.code === 'reason_required') setAsking(transition)
      else setProblem(isApiError(error) ? error.message : String(error))
    }
  }

  return (
    <Show when={allowed().length > 0}>
      <section class="transitions" aria-labelledby="transitions-title">
        <h2 id="transitions-title">{t('transitions')}</h2>
        <div class="row-actions">
          <For each={allowed()}>
            {(tr) => (
              <span class="transition">
                <button type="button" onClick={() => void run(tr)}>
                  {tr.label}
                </button>
                <Show when={tr.signatures.length > 0}>
                  <span class="vt-hint">
                    {t('transitionNeeds', {
                      meanings: tr.signatures.map(meaningLabel).join(', '),
                    })}
                  </span>
                </Show>
              </span>
            )}
          </For>
        </div>
        <Show when={problem()}>
          <p class="vt-error" role="alert">
            {problem()}
          </p>
        </Show>
        <ReasonDialog
          open={asking() !== undefined}
          fields={[]}
          reasons={props.type.reasons}
          text={reasonDialogText()}
          onCancel={() => setAsking(undefined)}
          onConfirm={(reason) => {
            const tr = asking()!
            setAsking(undefined)
            void run(tr, reason)
          }}
        />
      </section>
    </Show>
  )
}
