import { ReasonDialog } from '@veritrail/ui'
import { createEffect, createResource, createSignal, For, Show, type JSX } from 'solid-js'
import { api, hasRole } from '../app/session.ts'
import { t } from '../i18n/i18n.ts'
import { reasonDialogText } from '../records/reason-text.ts'
import { RoleChoice } from './RoleChoice.tsx'
import {
  changedSettings,
  keyOf,
  rolesOf,
  SETTINGS,
  settingsToForm,
  type Settings,
} from './settings-model.ts'

/** People's roles: integration accounts never sign in, so never have a second factor. */
const PEOPLE = ['operator', 'reviewer', 'qa', 'auditor', 'sysadmin']

/** The settings in force; a sysadmin changes them with a reason (each change a config_change entry). */
export default function SettingsPage(): JSX.Element {
  const [settings, { mutate }] = createResource(() => api.json<Settings>('/api/v1/settings'))
  const [form, setForm] = createSignal<Record<string, string>>({})
  const [asking, setAsking] = createSignal(false)
  const [message, setMessage] = createSignal<string | undefined>()
  const [problem, setProblem] = createSignal<string | undefined>()
  createEffect(() => settings() && setForm(settingsToForm(settings()!)))
  const editable = () => hasRole('sysadmin')
  const groups = () => [...new Set(SETTINGS.map((s) => s.group))]

  const submit = (event: Event) => {
    event.preventDefault()
    setMessage(undefined)
    if (Object.keys(changedSettings(settings()!, form())).length === 0)
      return setMessage(t('noSettingChanges'))
    setAsking(true)
  }
  const save = async (reason: { code?: string; text?: string }) => {
    setAsking(false)
    setProblem(undefined)
    try {
      const changes = changedSettings(settings()!, form())
      mutate(
        await api.json<Settings>('/api/v1/settings', { method: 'PUT', body: { changes, reason } }),
      )
      setMessage(t('settingsSaved'))
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error))
    }
  }

  return (
    <section>
      <h1>{t('settingsTitle')}</h1>
      <p class="vt-muted">{t('settingsIntro')}</p>
      <Show when={settings()} fallback={<p class="vt-muted">{t('loading')}</p>}>
        <form class="vt-form settings" onSubmit={submit}>
          <For each={groups()}>
            {(group) => (
              <fieldset>
                <legend>{t(group)}</legend>
                <For each={SETTINGS.filter((s) => s.group === group)}>
                  {(spec) =>
                    spec.kind === 'roles' ? (
                      <RoleChoice
                        legend={t(spec.label)}
                        roles={PEOPLE}
                        disabled={!editable()}
                        value={rolesOf(form()[keyOf(spec)] ?? '')}
                        onChange={(roles) =>
                          setForm((f) => ({ ...f, [keyOf(spec)]: roles.join(',') }))
                        }
                      />
                    ) : (
                      <label class="vt-label">
                        {t(spec.label)}
                        <input
                          name={keyOf(spec)}
                          type={spec.kind === 'number' ? 'number' : 'text'}
                          value={form()[keyOf(spec)] ?? ''}
                          readOnly={!editable()}
                          onInput={(e) =>
                            setForm((f) => ({ ...f, [keyOf(spec)]: e.currentTarget.value }))
                          }
                        />
                      </label>
                    )
                  }
                </For>
              </fieldset>
            )}
          </For>
          <Show when={message()}>
            <p role="status">{message()}</p>
          </Show>
          <Show when={problem()}>
            <p class="vt-error" role="alert">
              {problem()}
            </p>
          </Show>
          <Show when={editable()}>
            <div>
              <button type="submit" class="vt-primary">
                {t('save')}
              </button>
            </div>
          </Show>
        </form>
      </Show>
      <ReasonDialog
        open={asking()}
        fields={[]}
        reasons={[]}
        text={reasonDialogText({ intro: t('settingsIntro') })}
        onCancel={() => setAsking(false)}
        onConfirm={(r) => void save(r)}
      />
    </section>
  )
}
