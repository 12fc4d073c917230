import { Progress } from '@veritrail/ui'
import { createResource, createSignal, For, Show, type JSX } from 'solid-js'
import { Unavailable } from '../admin/Unavailable.tsx'
import type { BackupStatusView, BackupTargetView, BackupView, DrillReport } from '../api/types.ts'
import { capability } from '../app/capabilities.ts'
import { api } from '../app/session.ts'
import { locale, t } from '../i18n/i18n.ts'
import { humanize } from '../i18n/vocabulary.ts'
import { BackupCharts } from './BackupCharts.tsx'
import { BackupHistory } from './BackupHistory.tsx'
import { BackupStatus } from './BackupStatus.tsx'
import { BackupTargets } from './BackupTargets.tsx'

/**
 * Backups (CONTRACT §9): the last good backup against the RPO, the last restore drill, the
 * targets, sizes and data-loss window over time, the history; run a backup, verify one, drill one.
 */
export default function BackupsPage(): JSX.Element {
  const available = capability('backups')
  const when = () => available() === true
  const [targets] = createResource(when, () =>
    api.json<BackupTargetView[]>('/api/v1/backup-targets'),
  )
  const [backups, { refetch: refetchBackups }] = createResource(when, () =>
    api.json<BackupView[]>('/api/v1/backups'),
  )
  const [status, { refetch: refetchStatus }] = createResource(when, () =>
    api.json<BackupStatusView>('/api/v1/backup-status'),
  )
  const [chosenTarget, setTarget] = createSignal<string | undefined>()
  const target = () => chosenTarget() ?? targets()?.[0]?.id ?? 'local'
  const [kind, setKind] = createSignal<'full' | 'incremental'>('full')
  const [busy, setBusy] = createSignal<string | undefined>()
  const [message, setMessage] = createSignal<string | undefined>()
  const [problem, setProblem] = createSignal<string | undefined>()
  const targetLabel = (id: string) =>
    targets()?.find((tg) => tg.id === id)?.label[locale()] ?? humanize(id.split('.').at(-1) ?? id)

  const work = async (progress: string, run: () => Promise<string>) => {
    setBusy(progress)
    setProblem(undefined)
    setMessage(undefined)
    try {
      setMessage(await run())
      void refetchBackups()
      void refetchStatus()
    } catch (error) {
      setProblem(
        t('errorGeneric', { message: error instanceof Error ? error.message : String(error) }),
      )
    } finally {
      setBusy(undefined)
    }
  }
  const backUp = () =>
    work(t('backingUp'), async () => {
      await api.json('/api/v1/backups', {
        method: 'POST',
        body: { target: target(), kind: kind() },
      })
      return t('backupDone')
    })
  const verify = (id: string) =>
    work(t('verifyingBackup'), async () => {
      const r = await api.json<{ ok: boolean; problems: string[] }>(
        `/api/v1/backups/${encodeURIComponent(id)}/verify`,
        { method: 'POST' },
      )
      return r.ok ? t('backupVerified') : t('backupVerifyFailed', { problem: r.problems[0] ?? '' })
    })
  const drill = (id: string) =>
    work(t('drilling'), async () => {
      const r = await api.json<DrillReport>('/api/v1/restore-drills', {
        method: 'POST',
        body: { backupId: id },
      })
      return t('drillResult', {
        result: t(r.ok && r.matchesCheckpoint ? 'drillOk' : 'drillBad'),
        seconds: (r.rtoMs / 1000).toFixed(1),
      })
    })

  return (
    <section class="backups-page">
      <h1>{t('backupsTitle')}</h1>
      <Show when={available() !== undefined} fallback={<p class="vt-muted">{t('loading')}</p>}>
        <Show when={available()} fallback={<Unavailable />}>
          <form
            class="row-actions"
            onSubmit={(e) => {
              e.preventDefault()
              void backUp()
            }}
          >
            <label class="vt-label inline">
              {t('backupTarget')}
              <select value={target()} onChange={(e) => setTarget(e.currentTarget.value)}>
                <For each={targets() ?? []}>
                  {(tg) => (
                    <option value={tg.id} selected={tg.id === target()}>
                      {tg.label[locale()]}
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
            <button type="submit" class="vt-primary" disabled={busy() !== undefined}>
              {t('runBackup')}
            </button>
          </form>
          <Show when={busy()}>{(label) => <Progress label={label()} />}</Show>
          <Show when={message()}>
            <p role="status">{message()}</p>
          </Show>
          <Show when={problem()}>
            <p class="vt-error" role="alert">
              {problem()}
            </p>
          </Show>
          <Show when={status()}>
            {(s) => (
              <BackupStatus
                status={s()}
                targetLabel={targetLabel}
                busy={busy() !== undefined}
                onDrillNewest={() => void drill(s().lastCompleted!.id)}
              />
            )}
          </Show>
          <h2>{t('backupCharts')}</h2>
          <Show when={backups() && status()}>
            <BackupCharts
              backups={backups()!}
              now={Date.parse(status()!.now)}
              rpoTargetMs={status()!.rpoTargetMs}
            />
          </Show>
          <h2>{t('backupTargets')}</h2>
          <BackupTargets targets={targets() ?? []} />
          <h2>{t('backupHistory')}</h2>
          <BackupHistory
            backups={backups() ?? []}
            targetLabel={targetLabel}
            busy={busy() !== undefined}
            onVerify={(id) => void verify(id)}
            onDrill={(id) => void drill(id)}
          />
        </Show>
      </Show>
    </section>
  )
}
