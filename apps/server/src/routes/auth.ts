import { deleteCookie, setCookie } from 'hono/cookie'
import * as v from 'valibot'
import type { Core } from '@veritrail/core'
import { SESSION_COOKIE, caller } from '../http/mount.js'
import { defineRoutes } from '../http/route.js'

const Login = v.object({ username: v.string(), password: v.string(), totp: v.optional(v.string()) })
const PasswordChange = v.object({ username: v.string(), currentPassword: v.string(), newPassword: v.string() })
const MfaConfirm = v.object({ secret: v.string(), code: v.string(), currentCode: v.optional(v.string()) })
/** People: integration accounts have no password and no second factor. */
const PEOPLE = ['sysadmin', 'operator', 'reviewer', 'qa', 'auditor'] as const

/** Sign-in, password change, sign-out, second factor (CONTRACT §3). */
export function authRoutes(core: Core) {
  return defineRoutes([
    {
      method: 'POST',
      path: '/api/v1/auth/login',
      summary: 'Sign in',
      tag: 'auth',
      access: 'public',
      body: Login,
      success: { status: 200, description: '{token, user}: the token also comes as an HttpOnly SameSite=Strict cookie' },
      async handler(c, { body }) {
        const result = await core.sessions.login(body as v.InferOutput<typeof Login>, caller(c))
        setCookie(c, SESSION_COOKIE, result.token, {
          httpOnly: true,
          sameSite: 'Strict',
          path: '/',
          secure: new URL(c.req.url).protocol === 'https:',
        })
        const { id, username, displayName, roles } = result.account
        return c.json({ token: result.token, user: { id, username, displayName, roles }, mfaEnrolmentRequired: result.mfaEnrolmentRequired })
      },
    },
    {
      method: 'POST',
      path: '/api/v1/auth/password',
      summary: 'Change your password',
      tag: 'auth',
      access: 'public',
      body: PasswordChange,
      success: { status: 204, description: 'Changed; sign in with the new password' },
      async handler(c, { body }) {
        await core.sessions.changePassword(body as v.InferOutput<typeof PasswordChange>, caller(c))
        return c.body(null, 204)
      },
    },
    {
      method: 'POST',
      path: '/api/v1/auth/logout',
      summary: 'Sign out',
      tag: 'auth',
      access: 'authenticated',
      duringMfaEnrolment: true,
      success: { status: 204, description: 'Signed out' },
      async handler(c) {
        await core.sessions.logout(c.get('principal'), c.get('ctx'))
        deleteCookie(c, SESSION_COOKIE, { path: '/' })
        return c.body(null, 204)
      },
    },
    {
      method: 'GET',
      path: '/api/v1/auth/me',
      summary: 'Read your own account',
      tag: 'auth',
      access: 'authenticated',
      duringMfaEnrolment: true,
      success: { status: 200, description: 'The signed-in account' },
      async handler(c) {
        const p = c.get('principal')
        return c.json({ ...p.account, via: p.via, signedOnce: p.session?.signedOnce ?? false, mfaEnrolmentRequired: p.mfaEnrolmentRequired })
      },
    },
    {
      method: 'POST',
      path: '/api/v1/auth/mfa/proposal',
      summary: 'Start enrolling an authenticator app',
      tag: 'auth',
      access: PEOPLE,
      duringMfaEnrolment: true,
      success: { status: 200, description: '{secret, uri} to show as a QR code' },
      async handler(c) {
        return c.json(core.sessions.totpProposal(c.get('principal')))
      },
    },
    {
      method: 'POST',
      path: '/api/v1/auth/mfa',
      summary: 'Confirm your authenticator app',
      tag: 'auth',
      access: PEOPLE,
      duringMfaEnrolment: true,
      body: MfaConfirm,
      success: { status: 204, description: 'Enrolled' },
      async handler(c, { body }) {
        await core.sessions.enrolTotp(c.get('principal'), body as v.InferOutput<typeof MfaConfirm>, c.get('ctx'))
        return c.body(null, 204)
      },
    },
  ])
}
