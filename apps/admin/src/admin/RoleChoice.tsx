import { For, type JSX } from 'solid-js'
import { t } from '../i18n/i18n.ts'
import { roleLabel } from '../i18n/vocabulary.ts'

export const ROLES = ['operator', 'reviewer', 'qa', 'auditor', 'sysadmin', 'integration']

/** Role checkboxes with their names (the server enforces segregation of duties). */
export function RoleChoice(props: {
  value: string[]
  onChange: (roles: string[]) => void
  /** The roles offered (default: all). */
  roles?: string[]
  legend?: string
  disabled?: boolean
}): JSX.Element {
  return (
    <fieldset class="role-choice" disabled={props.disabled}>
      <legend>{props.legend ?? t('roles')}</legend>
      <For each={props.roles ?? ROLES}>
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
            {roleLabel(role)}
          </label>
        )}
      </For>
    </fieldset>
  )
}
