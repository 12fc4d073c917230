import { LocalTime, Progress, Tag } from '@veritrail/ui'
import { createResource, createSignal, For, Show, type JSX } from 'solid-js'
import { Unavailable } from '../admin/Unavailable.tsx'
import { capability } from '../app/capabilities.ts'
import { api } from '../app/session.ts'
import { formatBytes, locale, t } from '../i18n/i18n.ts'

interface Backup {
  id: string
  status: string
  bytes?: number
  sha256?: string
  kind?: string
  target?: string
  ts?: string
}

interface Target {
  id: string
  [key: string]: unknown
}

/** Backups (CONTRACT §9): run one, verify one, run a restore drill. Shown when the server offers them. */
export default function BackupsPage(): JSX.Element {
  const available = capability('backups')
  const [targets] = createResource(
    () => available() === true,
    () => api.json<Target[]>('/api/v1/backup-targets'),
  )
  const [backups, { refetch }] = createResource(
    () => available() === true,
    () => api.json<Backup[]>('/api/v1/backups'),
  )
  const [target, setTarget] = createSignal('local')
  const [kind, setKind] = createSignal<'full' | 'incremental'>('full')
  const [busy, setBusy] = createSignal(false)
  const [message, setMessage] = createSignal<string | undefined>()
  const [problem, setProblem] = createSignal<string | undefined>()
  const work = async (run: () => Promise<string | undefined>) => {
    setBusy(true)
    setProblem(undefined)
    setMessage(undefined)
    try {
      setMessage(await run())
      void refetch()
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error))
    } finally {
      setBusy(false)
    }
  }
  const drill = (id: string) =>
    work(async () => {
      const r = await api.json<{ ok: boolean; rtoMs: number; matchesCheckpoint: boolean }>(
        '/api/v1/restore-drills',
        { method: 'POST', body: { backupId: id } },
      )
      return t('drillResult', {
        result: t(r.ok && r.matchesCheckpoint ? 'drillOk' : 'drillBad'),
        seconds: (r.rtoMs / 1000).toFixed(1),
      })
    })

  return (
    <section>
      <h1>{t('backupsTitle')}</h1>
      <Show when={available() !== undefined} fallback={<p class="vt-muted">{t('loading')}</p>}>
        <Show when={available()} fallback={<Unavailable />}>
          <form
            class="row-actions"
            onSubmit={(e) => {
              e.preventDefault()
              void work(async () => {
                await api.json('/api/v1/backups', {
                  method: 'POST',
                  body: { target: target(), kind: kind() },
                })
                return t('actionDone')
              })
            }}
          >
            <label class="vt-label inline">
              {t('backupTarget')}
              <select value={target()} onChange={(e) => setTarget(e.currentTarget.value)}>
                <For each={targets() ?? [{ id: 'local' }]}>
                  {(tg) => (
                    <option value={tg.id} selected={tg.id === target()}>
                      {tg.id}
                    </option>
                  )}
                </For>
              </select>
            </label>
            <label class="vt-label inline">
              {t('backupKind')}
              <select
                value={kind()}
                onChange={(e) => setKind(e.currentTarget.value as 'full' | 'incremental')}
              >
                <option value="full">{t('backupFull')}</option>
                <option value="incremental">{t('backupIncremental')}</option>
              </select>
            </label>
            <button type="submit" class="vt-primary" disabled={busy()}>
              {t('runBackup')}
            </button>
          </form>
          <Show when={busy()}>
            <Progress label={t('backingUp')} />
          </Show>
          <Show when={message()}>
            <p role="status">{message()}</p>
          </Show>
          <Show when={problem()}>
            <p class="vt-error" role="alert">
              {problem()}
            </p>
          </Show>
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col">{t('when')}</th>
                <th scope="col">{t('backupKind')}</th>
                <th scope="col">{t('backupSize')}</th>
                <th scope="col">{t('backupStatus')}</th>
                <th scope="col">{t('actions')}</th>
              </tr>
            </thead>
            <tbody>
              <For each={backups() ?? []}>
                {(b) => (
                  <tr>
                    <td>
                      {b.ts ? (
                        <LocalTime iso={b.ts} locale={locale()} utcLabel={t('utc')} />
                      ) : (
                        t('empty')
                      )}
                    </td>
                    <td>{t(b.kind === 'incremental' ? 'backupIncremental' : 'backupFull')}</td>
                    <td>{b.bytes !== undefined ? formatBytes(b.bytes) : t('empty')}</td>
                    <td>
                      <Tag tone={b.status === 'ok' || b.status === 'completed' ? 'ok' : 'neutral'}>
                        {b.status}
                      </Tag>
                    </td>
                    <td class="row-actions">
                      <button
                        type="button"
                        disabled={busy()}
                        onClick={() =>
                          void work(async () => {
                            await api.json(`/api/v1/backups/${encodeURIComponent(b.id)}/verify`, {
                              method: 'POST',
                            })
                            return t('actionDone')
                          })
                        }
                      >
                        {t('verifyBackup')}
                      </button>
                      <button type="button" disabled={busy()} onClick={() => void drill(b.id)}>
                        {t('restoreDrill')}
                      </button>
                    </td>
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
