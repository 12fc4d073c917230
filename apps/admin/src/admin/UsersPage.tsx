import { Tag } from '@veritrail/ui'
import { createResource, createSignal, For, Match, Show, Switch, type JSX } from 'solid-js'
import type { Account } from '../api/types.ts'
import { api, hasRole } from '../app/session.ts'
import { t } from '../i18n/i18n.ts'
import { roleLabel } from '../i18n/vocabulary.ts'
import { CreateUserForm } from './CreateUserForm.tsx'
import { OneTimeSecret } from './OneTimeSecret.tsx'
import { ReasonPrompt } from './ReasonPrompt.tsx'
import { RoleChoice } from './RoleChoice.tsx'
import { RoleHistory } from './RoleHistory.tsx'
import { TokensDialog } from './TokensDialog.tsx'

type Action = 'roles' | 'disable' | 'unlock' | 'reset' | 'mfa' | 'history' | 'tokens'

/**
 * Accounts: create, change roles (with reason), disable, unlock, reset password, remove a lost
 * second factor, tokens, history.
 */
export default function UsersPage(): JSX.Element {
  const [accounts, { refetch }] = createResource(() => api.json<Account[]>('/api/v1/users'))
  const [action, setAction] = createSignal<{ kind: Action; account: Account } | undefined>()
  const [roles, setRoles] = createSignal<string[]>([])
  const [secret, setSecret] = createSignal<{ title: string; value: string } | undefined>()
  const admin = () => hasRole('sysadmin')
  const act = (kind: Action, account: Account) => {
    setRoles([...account.roles])
    setAction({ kind, account })
  }
  const post = async (path: string, body: unknown) =>
    api.json(`/api/v1/users/${encodeURIComponent(action()!.account.id)}/${path}`, {
      method: 'POST',
      body,
    })
  const done = () => {
    setAction(undefined)
    void refetch()
  }
  const kindLabel = (a: Account) =>
    t(
      a.kind === 'integration'
        ? 'kindIntegration'
        : a.kind === 'system'
          ? 'kindSystem'
          : 'kindPerson',
    )

  return (
    <section>
      <h1>{t('usersTitle')}</h1>
      <Show when={admin()}>
        <CreateUserForm
          onCreated={(username, temporary) => {
            void refetch()
            if (temporary)
              setSecret({ title: t('temporaryPasswordIs', { username }), value: temporary })
          }}
        />
      </Show>
      <table class="data-table">
        <thead>
          <tr>
            <th scope="col">{t('displayName')}</th>
            <th scope="col">{t('username')}</th>
            <th scope="col">{t('accountKind')}</th>
            <th scope="col">{t('roles')}</th>
            <th scope="col">{t('status')}</th>
            <th scope="col">{t('actions')}</th>
          </tr>
        </thead>
        <tbody>
          <For each={accounts() ?? []}>
            {(a) => (
              <tr>
                <td>{a.displayName}</td>
                <td>{a.username}</td>
                <td>{kindLabel(a)}</td>
                <td>{a.roles.map(roleLabel).join(', ')}</td>
                <td>
                  <Tag tone={a.status === 'active' ? 'ok' : 'neutral'}>
                    {t(a.status === 'active' ? 'statusActive' : 'statusDisabled')}
                  </Tag>
                  <Show when={a.mustChangePassword}>
                    <Tag tone="info">{t('mustChangePassword')}</Tag>
                  </Show>
                  <Show when={a.mfa}>
                    <Tag tone="ok">{t('totpTag')}</Tag>
                  </Show>
                </td>
                <td class="row-actions">
                  <button type="button" onClick={() => act('history', a)}>
                    {t('history')}
                  </button>
                  <Show when={admin() && a.status === 'active'}>
                    <button type="button" onClick={() => act('roles', a)}>
                      {t('changeRoles')}
                    </button>
                    <Show when={a.kind === 'person'}>
                      <button type="button" onClick={() => act('reset', a)}>
                        {t('resetPassword')}
                      </button>
                      <button type="button" onClick={() => act('unlock', a)}>
                        {t('unlockUser')}
                      </button>
                      <Show when={a.mfa}>
                        <button type="button" onClick={() => act('mfa', a)}>
                          {t('totpRemove')}
                        </button>
                      </Show>
                    </Show>
                    <Show when={a.kind === 'integration'}>
                      <button type="button" onClick={() => act('tokens', a)}>
                        {t('tokens')}
                      </button>
                    </Show>
                    <button type="button" class="vt-danger" onClick={() => act('disable', a)}>
                      {t('disableUser')}
                    </button>
                  </Show>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <Switch>
        <Match when={action()?.kind === 'roles'}>
          <ReasonPrompt
            open
            title={`${t('changeRoles')}: ${action()!.account.displayName}`}
            confirm={t('save')}
            onClose={() => setAction(undefined)}
            onConfirm={async (reason) => {
              await post('roles', { roles: roles(), reason })
              done()
            }}
          >
            <RoleChoice value={roles()} onChange={setRoles} />
          </ReasonPrompt>
        </Match>
        <Match when={action()?.kind === 'disable'}>
          <ReasonPrompt
            open
            title={`${t('disableUser')}: ${action()!.account.displayName}`}
            confirm={t('disableUser')}
            onClose={() => setAction(undefined)}
            onConfirm={async (reason) => {
              await post('disable', { reason })
              done()
            }}
          />
        </Match>
        <Match when={action()?.kind === 'unlock'}>
          <ReasonPrompt
            open
            title={`${t('unlockUser')}: ${action()!.account.displayName}`}
            confirm={t('unlockUser')}
            onClose={() => setAction(undefined)}
            onConfirm={async (reason) => {
              await post('unlock', { reason })
              done()
            }}
          />
        </Match>
        <Match when={action()?.kind === 'reset'}>
          <ReasonPrompt
            open
            title={`${t('resetPassword')}: ${action()!.account.displayName}`}
            confirm={t('resetPassword')}
            onClose={() => setAction(undefined)}
            onConfirm={async (reason) => {
              const username = action()!.account.username
              const result = (await post('reset-password', { reason })) as {
                temporaryPassword: string
              }
              done()
              setSecret({
                title: t('temporaryPasswordIs', { username }),
                value: result.temporaryPassword,
              })
            }}
          />
        </Match>
        <Match when={action()?.kind === 'mfa'}>
          <ReasonPrompt
            open
            title={`${t('totpRemove')}: ${action()!.account.displayName}`}
            confirm={t('totpRemove')}
            onClose={() => setAction(undefined)}
            onConfirm={async (reason) => {
              await post('mfa/revoke', { reason })
              done()
            }}
          >
            <p>{t('totpRemoveExplained')}</p>
          </ReasonPrompt>
        </Match>
        <Match when={action()?.kind === 'history'}>
          <RoleHistory account={action()!.account} onClose={() => setAction(undefined)} />
        </Match>
        <Match when={action()?.kind === 'tokens'}>
          <TokensDialog
            account={action()!.account}
            onClose={() => setAction(undefined)}
            onToken={(value) =>
              setSecret({ title: t('tokenIs', { username: action()!.account.username }), value })
            }
          />
        </Match>
      </Switch>
      <OneTimeSecret
        title={secret()?.title ?? ''}
        secret={secret()?.value}
        onClose={() => setSecret(undefined)}
      />
    </section>
  )
}
