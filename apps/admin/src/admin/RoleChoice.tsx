import { For, type JSX } from 'solid-js'
import { locale, t } from '../i18n/i18n.ts'
import { labelOf, ROLE_LABELS } from '../i18n/vocabulary.ts'

export const ROLES = ['operator', 'reviewer', 'qa', 'auditor', 'sysadmin', 'integration']

/** Role checkboxes with their names (the server enforces segregation of duties). */
export function RoleChoice(props: {
  value: string[]
  onChange: (roles: string[]) => void
}): JSX.Element {
  return (
    <fieldset class="role-choice">
      <legend>{t('roles')}</legend>
      <For each={ROLES}>
        {(role) => (
          <label class="inline-check">
            <input
              type="checkbox"
              checked={props.value.includes(role)}
              onChange={(e) =>
                props.onChange(
                  e.currentTarget.checked
                    ? [...props.value, role]
                    : props.value.filter((r) => r !== role),
                )
              }
            />{' '}
            {labelOf(ROLE_LABELS, role, locale())}
          </label>
        )}
      </For>
    </fieldset>
  )
}
