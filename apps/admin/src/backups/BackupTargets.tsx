import { Tag } from '@veritrail/ui'
import { For, type JSX } from 'solid-js'
import type { BackupTargetView } from '../api/types.ts'
import { locale, t } from '../i18n/i18n.ts'

/** The targets plugins registered and what each guarantees. */
export function BackupTargets(props: { targets: BackupTargetView[] }): JSX.Element {
  const flag = (on: boolean) => <Tag tone={on ? 'ok' : 'neutral'}>{t(on ? 'yes' : 'no')}</Tag>
  return (
    <table class="data-table">
      <thead>
        <tr>
          <th scope="col">{t('backupTarget')}</th>
          <th scope="col">{t('targetImmutable')}</th>
          <th scope="col">{t('targetEncryptedInTransit')}</th>
          <th scope="col">{t('targetDeletes')}</th>
        </tr>
      </thead>
      <tbody>
        <For each={props.targets}>
          {(tg) => (
            <tr>
              <th scope="row">{tg.label[locale()]}</th>
              <td>{flag(tg.capabilities.immutable)}</td>
              <td>{flag(tg.capabilities.encryptedInTransit)}</td>
              <td>{flag(tg.capabilities.deletes)}</td>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  )
}
