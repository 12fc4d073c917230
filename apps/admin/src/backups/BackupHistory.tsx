import { LocalTime, Tag, type Tone } from '@veritrail/ui'
import { For, Show, type JSX } from 'solid-js'
import type { BackupView } from '../api/types.ts'
import type { MessageKey } from '../i18n/en.ts'
import { formatBytes, locale, t } from '../i18n/i18n.ts'

const STATUS: Record<BackupView['status'], [MessageKey, Tone]> = {
  completed: ['backupCompleted', 'ok'],
  running: ['backupRunning', 'info'],
  failed: ['backupFailed', 'critical'],
  pruned: ['backupPruned', 'neutral'],
}

/** Every backup of the catalog, newest first, with verify and drill for the completed ones. */
export function BackupHistory(props: {
  backups: BackupView[]
  targetLabel: (id: string) => string
  busy: boolean
  onVerify: (id: string) => void
  onDrill: (id: string) => void
}): JSX.Element {
  return (
    <table class="data-table">
      <thead>
        <tr>
          <th scope="col">{t('when')}</th>
          <th scope="col">{t('backupKind')}</th>
          <th scope="col">{t('backupTarget')}</th>
          <th scope="col">{t('backupSize')}</th>
          <th scope="col">{t('backupStatus')}</th>
          <th scope="col">{t('actions')}</th>
        </tr>
      </thead>
      <tbody>
        <Show when={props.backups.length === 0}>
          <tr>
            <td colSpan={6} class="vt-muted">
              {t('noBackups')}
            </td>
          </tr>
        </Show>
        <For each={props.backups}>
          {(b) => (
            <tr>
              <td>
                <LocalTime
                  iso={b.finishedAt ?? b.startedAt}
                  locale={locale()}
                  utcLabel={t('utc')}
                />
              </td>
              <td>{t(b.kind === 'incremental' ? 'backupIncremental' : 'backupFull')}</td>
              <td>{props.targetLabel(b.target)}</td>
              <td>{b.bytes !== null ? formatBytes(b.bytes) : t('empty')}</td>
              <td>
                <Tag tone={STATUS[b.status]?.[1] ?? 'neutral'}>
                  {t(STATUS[b.status]?.[0] ?? 'backupRunning')}
                </Tag>
                <Show when={b.error}>
                  <div class="vt-hint">{b.error}</div>
                </Show>
              </td>
              <td class="row-actions">
                <Show when={b.status === 'completed'}>
                  <button type="button" disabled={props.busy} onClick={() => props.onVerify(b.id)}>
                    {t('verifyBackup')}
                  </button>
                  <button type="button" disabled={props.busy} onClick={() => props.onDrill(b.id)}>
                    {t('restoreDrill')}
                  </button>
                </Show>
              </td>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  )
}
