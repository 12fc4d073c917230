import { Dialog, LocalTime } from '@veritrail/ui'
import { createResource, For, type JSX } from 'solid-js'
import type { Account, AccountVersion } from '../api/types.ts'
import { api } from '../app/session.ts'
import { locale, t } from '../i18n/i18n.ts'
import { roleLabel } from '../i18n/vocabulary.ts'

/** Every version of an account: roles and status over time, and who changed them. */
export function RoleHistory(props: { account: Account; onClose: () => void }): JSX.Element {
  const [versions] = createResource(() =>
    api.json<AccountVersion[]>(`/api/v1/users/${encodeURIComponent(props.account.id)}/history`),
  )
  return (
    <Dialog
      open
      title={t('roleHistory', { username: props.account.username })}
      onClose={props.onClose}
      closeLabel={t('close')}
    >
      <table class="data-table">
        <thead>
          <tr>
            <th scope="col">{t('when')}</th>
            <th scope="col">{t('roles')}</th>
            <th scope="col">{t('status')}</th>
            <th scope="col">{t('changedBy')}</th>
          </tr>
        </thead>
        <tbody>
          <For each={versions() ?? []}>
            {(v) => (
              <tr>
                <td>
                  <LocalTime iso={v.updatedTs} locale={locale()} utcLabel={t('utc')} />
                </td>
                <td>{v.roles.map(roleLabel).join(', ')}</td>
                <td>{t(v.status === 'active' ? 'statusActive' : 'statusDisabled')}</td>
                <td>{v.changedBy}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </Dialog>
  )
}
