import { fireEvent, render, screen } from '@solidjs/testing-library'
import { describe, expect, it, vi } from 'vitest'
import { validateReason } from './reason.ts'
import { ReasonDialog } from './ReasonDialog.tsx'

const text = {
  title: 'Reason for change',
  intro: 'These critical fields change:',
  reason: 'Reason',
  choose: 'Choose…',
  text: 'Explanation',
  textHint: 'Say what happened.',
  confirm: 'Save with reason',
  cancel: 'Cancel',
  needReason: 'Choose a reason or write one.',
  needText: 'This reason needs an explanation.',
}
const reasons = [
  { code: 'transcription_error', label: 'Transcription or typing error' },
  { code: 'other', label: 'Other (explain)', requiresText: true },
]

describe('validateReason', () => {
  it('accepts a code, a text or both, and asks for text where the reason needs it', () => {
    expect(validateReason('', '  ', reasons)).toEqual({ ok: false, problem: 'needReason' })
    expect(validateReason('other', '', reasons)).toEqual({ ok: false, problem: 'needText' })
    expect(validateReason('transcription_error', '', reasons)).toEqual({
      ok: true,
      reason: { code: 'transcription_error' },
    })
    expect(validateReason('', ' 复测后更正 ', reasons)).toEqual({
      ok: true,
      reason: { text: '复测后更正' },
    })
  })
})

describe('ReasonDialog', () => {
  it('lists the critical fields, refuses an empty reason and sends a valid one', async () => {
    const onConfirm = vi.fn()
    render(() => (
      <ReasonDialog
        open
        fields={['Sterilisation hold time']}
        reasons={reasons}
        text={text}
        onConfirm={onConfirm}
        onCancel={() => {}}
      />
    ))
    const dialog = screen.getByRole('alertdialog', { name: 'Reason for change' })
    expect(dialog.textContent).toContain('Sterilisation hold time')
    fireEvent.click(screen.getByRole('button', { name: 'Save with reason' }))
    expect((await screen.findByRole('alert')).textContent).toBe('Choose a reason or write one.')
    expect(onConfirm).not.toHaveBeenCalled()
    fireEvent.change(screen.getByRole('combobox', { name: 'Reason' }), {
      target: { value: 'other' },
    })
    fireEvent.click(screen.getByRole('button', { name: 'Save with reason' }))
    expect((await screen.findByRole('alert')).textContent).toBe('This reason needs an explanation.')
    fireEvent.input(screen.getByRole('textbox', { name: /Explanation/ }), {
      target: { value: 'Re-measured' },
    })
    fireEvent.click(screen.getByRole('button', { name: 'Save with reason' }))
    expect(onConfirm).toHaveBeenCalledWith({ code: 'other', text: 'Re-measured' })
  })

  it('closes on Escape and keeps Tab inside the dialog', async () => {
    const onCancel = vi.fn()
    render(() => (
      <ReasonDialog
        open
        fields={[]}
        reasons={reasons}
        text={text}
        onConfirm={() => {}}
        onCancel={onCancel}
      />
    ))
    const dialog = screen.getByRole('alertdialog')
    await new Promise((r) => setTimeout(r, 0))
    expect(dialog.contains(document.activeElement)).toBe(true)
    const buttons = screen.getAllByRole('button')
    buttons.at(-1)!.focus()
    fireEvent.keyDown(dialog, { key: 'Tab' })
    expect(dialog.contains(document.activeElement)).toBe(true)
    fireEvent.keyDown(dialog, { key: 'Escape' })
    expect(onCancel).toHaveBeenCalled()
  })
})
