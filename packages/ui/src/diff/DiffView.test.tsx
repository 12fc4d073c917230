import { render, screen, within } from '@solidjs/testing-library'
import { describe, expect, it } from 'vitest'
import { diffRows } from './diff-rows.ts'
import { DiffView } from './DiffView.tsx'

const text = {
  caption: 'Changes',
  field: 'Field',
  before: 'Before',
  after: 'After',
  changed: 'changed',
  critical: 'Critical',
  noChanges: 'No changes',
  yes: 'Yes',
  no: 'No',
  empty: '—',
}
const fields = [
  { name: 'product', label: '产品' },
  { name: 'sterilisationTime', label: 'Sterilisation hold time', critical: true },
  { name: 'approved', label: 'Approved' },
  { name: 'equipment', label: 'Equipment used' },
]

describe('diffRows', () => {
  it('compares in field order, keeps decimal strings as written and marks changes', () => {
    const rows = diffRows(
      { product: 'Catheter', sterilisationTime: '15.0', equipment: ['AC-1'] },
      {
        product: 'Catheter',
        sterilisationTime: '15.00',
        approved: true,
        equipment: ['AC-1'],
        note: 'x',
      },
      fields,
    )
    expect(rows.map((r) => [r.field, r.changed])).toEqual([
      ['product', false],
      ['sterilisationTime', true],
      ['approved', true],
      ['equipment', false],
      ['note', true],
    ])
    expect(diffRows({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }, [], { onlyChanged: true })).toEqual(
      [],
    )
  })
})

describe('DiffView', () => {
  it('shows old and new side by side with labels, and marks critical changes in words', () => {
    const rows = diffRows(
      { sterilisationTime: '15.0', approved: false },
      { sterilisationTime: '18.5', approved: true },
      fields,
    )
    render(() => (
      <DiffView rows={rows} text={text} beforeLabel="Version 1" afterLabel="Version 2" />
    ))
    const table = screen.getByRole('table')
    expect(within(table).getByRole('columnheader', { name: 'Version 1' })).toBeTruthy()
    const row = within(table).getByRole('row', { name: /Sterilisation hold time/ })
    expect(row.textContent).toContain('15.0')
    expect(row.textContent).toContain('18.5')
    expect(row.textContent).toContain('Critical')
    expect(row.classList.contains('is-critical')).toBe(true)
    const approved = within(table).getByRole('row', { name: /Approved/ })
    expect(approved.textContent).toContain('No')
    expect(approved.textContent).toContain('Yes')
  })

  it('says when nothing changed', () => {
    render(() => <DiffView rows={[]} text={text} />)
    expect(screen.getByText('No changes')).toBeTruthy()
  })
})
