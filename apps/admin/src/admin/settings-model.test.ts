import { describe, expect, it } from 'vitest'
import { changedSettings, settingsToForm } from './settings-model.ts'

const settings = {
  password: { minLength: 12, historyCount: 5, maxAgeDays: 90 },
  session: { idleMinutes: 15 },
  lockout: { threshold: 5 },
  mfa: { roles: ['qa'] },
  site: { timeZone: null },
  alerts: { webhookUrl: null },
}

describe('settings form', () => {
  it('sends only what changed, the roles that need a second factor as a list', () => {
    const form = settingsToForm(settings)
    expect(form['mfa.roles']).toBe('qa')
    expect(changedSettings(settings, form)).toEqual({})
    expect(changedSettings(settings, { ...form, 'mfa.roles': 'auditor,qa' })).toEqual({
      mfa: { roles: ['auditor', 'qa'] },
    })
    expect(changedSettings(settings, { ...form, 'mfa.roles': '' })).toEqual({ mfa: { roles: [] } })
    expect(
      changedSettings(settings, { ...form, 'mfa.roles': 'qa', 'session.idleMinutes': '30' }),
    ).toEqual({ session: { idleMinutes: 30 } })
  })
})
