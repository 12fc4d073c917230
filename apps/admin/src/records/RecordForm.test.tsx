import { fireEvent, render, screen } from '@solidjs/testing-library'
import { createSignal } from 'solid-js'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { fieldErrors } from '../api/problem.ts'
import { formFields, toFormValues, type FormValue } from './form-model.ts'
import { RecordForm } from './RecordForm.tsx'
import { recipeType } from './test-types.test-helper.ts'

// Reference fields list the records they may point to: an empty list here.
beforeEach(() =>
  vi.stubGlobal(
    'fetch',
    async () =>
      new Response(JSON.stringify({ records: [], nextCursor: null }), {
        headers: { 'content-type': 'application/json' },
      }),
  ),
)
afterEach(() => vi.unstubAllGlobals())

function setup(errors: Record<string, string> = {}) {
  const fields = formFields(recipeType)
  const [values, setValues] = createSignal<Record<string, FormValue>>(
    toFormValues(
      fields,
      { product: 'Catheter', sterilisationTime: '15.0', status: 'draft' },
      recipeType,
    ),
  )
  render(() => (
    <RecordForm
      fields={fields}
      values={values()}
      errors={errors}
      onChange={(name, value) => setValues((v) => ({ ...v, [name]: value }))}
    />
  ))
  return values
}

describe('RecordForm (generated from the record type)', () => {
  it('renders a labelled control per field, with units, critical markers and the right kinds', () => {
    setup()
    const time = screen.getByLabelText(/Sterilisation hold time/) as HTMLInputElement
    expect(time.value).toBe('15.0')
    expect(time.getAttribute('inputmode')).toBe('decimal')
    expect(time.closest('.vt-field')?.textContent).toContain('(min)')
    expect(time.closest('.vt-field')?.textContent).toContain('Critical')
    expect(screen.getByLabelText(/Remarks/).tagName).toBe('TEXTAREA')
    expect((screen.getByLabelText(/Start/) as HTMLInputElement).type).toBe('datetime-local')
    expect(screen.getByRole('button', { name: 'Add a row' })).toBeTruthy()
    // The lifecycle state changes by transitions, never by typing.
    expect(screen.queryByLabelText(/^Status/)).toBeNull()
  })

  it('keeps what is typed and adds table rows', () => {
    const values = setup()
    fireEvent.input(screen.getByLabelText(/Sterilisation hold time/), { target: { value: '18.5' } })
    expect(values().sterilisationTime).toBe('18.5')
    fireEvent.click(screen.getByRole('button', { name: 'Add a row' }))
    expect(screen.getByLabelText('Part number 1')).toBeTruthy()
  })

  it('shows the server’s messages beside their fields (problem+json errors[].path)', () => {
    const errors = fieldErrors([
      {
        path: 'data.sterilisationTime',
        message: 'Enter a decimal number such as 12.50, written with a dot.',
      },
      { path: 'data.components[0].quantity', message: 'Invalid.' },
      { path: 'reason', message: 'ignored here' },
    ])
    expect(Object.keys(errors)).toEqual(['sterilisationTime', 'components'])
    setup(errors)
    const time = screen.getByLabelText(/Sterilisation hold time/)
    expect(time.getAttribute('aria-invalid')).toBe('true')
    const message = document.getElementById(
      time.getAttribute('aria-describedby')!.split(' ').at(-1)!,
    )
    expect(message?.textContent).toBe('Enter a decimal number such as 12.50, written with a dot.')
  })
})
