import { describe, expect, it } from 'vitest'
import { ApiError } from '../api/problem.ts'
import { loginProblem } from './LoginForm.tsx'

const problem = (status: number, code: string, extra: Record<string, unknown> = {}) =>
  new ApiError(status, { status, code, detail: 'server sentence', ...extra })

describe('sign-in refusals become sentences, never codes', () => {
  it('maps each refusal of CONTRACT §3 to its message', () => {
    expect(loginProblem(problem(403, 'password_change_required'))).toBe('passwordChange')
    expect(loginProblem(problem(423, 'account_locked'))).toBe('accountLocked')
    expect(loginProblem(problem(401, 'unauthenticated'))).toBe('wrongCredentials')
    expect(loginProblem(problem(401, 'unauthenticated', { mfa: true }))).toBe('totp')
    expect(loginProblem(problem(403, 'forbidden'))).toBe('integrationNoLogin')
    expect(loginProblem(new Error('offline'))).toBe('errorGeneric')
  })

  it('recognises a session that ended after inactivity (401 with reason idle)', () => {
    expect(problem(401, 'unauthenticated', { reason: 'idle' }).idle).toBe(true)
    expect(problem(401, 'unauthenticated').idle).toBe(false)
  })
})
