import { fireEvent, render, screen, waitFor } from '@solidjs/testing-library'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { groupedSecret, TotpEnrolment } from './TotpEnrolment.tsx'

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'
const URI = `otpauth://totp/Veritrail:olivia?issuer=Veritrail&secret=${SECRET}&algorithm=SHA1&digits=6&period=30`
const sent: { path: string; body: unknown }[] = []

const json = (status: number, body?: unknown) =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' },
  })

beforeEach(() => {
  sent.length = 0
  vi.stubGlobal('fetch', async (path: string, init: RequestInit) => {
    const body = init.body ? JSON.parse(String(init.body)) : undefined
    sent.push({ path, body })
    if (path === '/api/v1/auth/mfa/proposal') return json(200, { secret: SECRET, uri: URI })
    if (path === '/api/v1/auth/mfa' && body.currentCode !== undefined && body.currentCode !== '654321') {
      return json(403, {
        status: 403,
        code: 'forbidden',
        detail: 'Enter the current code of the authenticator app you use now.',
        errors: [{ path: 'currentCode', message: 'The current code of the app in use now.' }],
      })
    }
    if (path === '/api/v1/auth/mfa' && body.code === '123456') return json(204)
    return json(400, {
      status: 400,
      code: 'validation_failed',
      detail: 'The code does not match: check the time on your phone.',
      errors: [{ path: 'code', message: 'Not the current code.' }],
    })
  })
})
afterEach(() => vi.unstubAllGlobals())

describe('TotpEnrolment', () => {
  it('shows the QR code, the key and the otpauth address, and turns on with a current code', async () => {
    const onEnrolled = vi.fn()
    render(() => <TotpEnrolment enrolled={false} onEnrolled={onEnrolled} />)
    expect(screen.getByRole('status').textContent).toBe('Two-step verification is off.')
    fireEvent.click(screen.getByRole('button', { name: 'Set up two-step verification' }))
    const qr = await screen.findByRole('img', { name: 'QR code for your authenticator app' })
    await waitFor(() => expect(qr.querySelector('svg')).not.toBeNull())
    expect(screen.getByTestId('totp-secret').textContent).toBe(groupedSecret(SECRET))
    expect(screen.getByTestId('totp-uri').getAttribute('href')).toBe(URI)

    const code = screen.getByLabelText('Enter the 6-digit code the app shows now')
    fireEvent.input(code, { target: { value: '12 34' } })
    fireEvent.click(screen.getByRole('button', { name: 'Confirm and turn on' }))
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Enter the 6 digits the app shows, without other characters.',
    )
    expect(sent.map((s) => s.path)).toEqual(['/api/v1/auth/mfa/proposal'])

    fireEvent.input(code, { target: { value: '000000' } })
    fireEvent.click(screen.getByRole('button', { name: 'Confirm and turn on' }))
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toMatch(/^That code does not match\./),
    )
    expect(code.getAttribute('aria-invalid')).toBe('true')
    expect(onEnrolled).not.toHaveBeenCalled()

    fireEvent.input(code, { target: { value: '123 456' } })
    fireEvent.click(screen.getByRole('button', { name: 'Confirm and turn on' }))
    await waitFor(() => expect(onEnrolled).toHaveBeenCalledOnce())
    expect(sent.at(-1)).toEqual({
      path: '/api/v1/auth/mfa',
      body: { secret: SECRET, code: '123456' },
    })
    expect(screen.getByRole('status').textContent).toMatch(
      /^Two-step verification is on\. From now on/,
    )
    expect(screen.queryByTestId('totp-secret')).toBeNull()
  })

  it('offers to move to a new app when one is enrolled, and can be cancelled', async () => {
    render(() => <TotpEnrolment enrolled onEnrolled={() => undefined} />)
    expect(screen.getByRole('status').textContent).toBe('Two-step verification is on.')
    fireEvent.click(screen.getByRole('button', { name: 'Move to a new authenticator app' }))
    await screen.findByTestId('totp-secret')
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    expect(screen.queryByTestId('totp-secret')).toBeNull()
    expect(screen.getByRole('status').textContent).toBe('Two-step verification is on.')
  })

  it('asks for the present app\'s code to move to a new app, and says so when it is wrong', async () => {
    const onEnrolled = vi.fn()
    render(() => <TotpEnrolment enrolled onEnrolled={onEnrolled} />)
    fireEvent.click(screen.getByRole('button', { name: 'Move to a new authenticator app' }))
    await screen.findByTestId('totp-secret')
    const current = screen.getByLabelText('The 6-digit code of the authenticator app you use now')
    const code = screen.getByLabelText('Enter the 6-digit code the app shows now')
    fireEvent.input(code, { target: { value: '123456' } })
    fireEvent.click(screen.getByRole('button', { name: 'Confirm and turn on' }))
    expect((await screen.findByRole('alert')).textContent).toBe('Enter the 6 digits the app shows, without other characters.')
    expect(sent.map((s) => s.path)).toEqual(['/api/v1/auth/mfa/proposal'])
    fireEvent.input(current, { target: { value: '111111' } })
    fireEvent.click(screen.getByRole('button', { name: 'Confirm and turn on' }))
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/^That is not the current code of the app you use now\./))
    expect(onEnrolled).not.toHaveBeenCalled()
    fireEvent.input(current, { target: { value: '654 321' } })
    fireEvent.click(screen.getByRole('button', { name: 'Confirm and turn on' }))
    await waitFor(() => expect(onEnrolled).toHaveBeenCalledOnce())
    expect(sent.at(-1)).toEqual({ path: '/api/v1/auth/mfa', body: { secret: SECRET, code: '123456', currentCode: '654321' } })
  })
})
