import { describe, expect, it } from 'vitest'
import type { Entry } from '../api/types.ts'
import { classifyEntry } from './exception.ts'

const base: Entry = {
  v: 1,
  seq: 1,
  trail: 'data',
  ts: '2026-11-22T08:00:00.000Z',
  tz: 'Asia/Shanghai',
  actor: { id: 'u', username: 'olivia', displayName: 'Olivia', role: 'operator', type: 'person' },
  action: 'create',
  correlationId: 'c',
  client: { ip: '', userAgent: '' },
  leafHash: '',
  target: { type: 'meddev.recipe', typeVersion: '1.0.0', id: 'r', version: 1 },
}
const critical = (type: string, field: string) =>
  type === 'meddev.recipe' && field === 'sterilisationTime'

describe('classifyEntry', () => {
  it('treats a creation as no change, even of critical fields', () => {
    expect(
      classifyEntry(
        { ...base, changes: [{ field: 'sterilisationTime', label: 'x', new: '15' }] },
        critical,
      ),
    ).toBe('none')
  })

  it('marks a modified critical field critical and other modifications as changes', () => {
    const update = { ...base, action: 'update' }
    expect(
      classifyEntry(
        { ...update, changes: [{ field: 'sterilisationTime', label: 'x', old: '15', new: '18' }] },
        critical,
      ),
    ).toBe('critical')
    expect(
      classifyEntry(
        { ...update, changes: [{ field: 'remarks', label: 'x', old: 'a', new: 'b' }] },
        critical,
      ),
    ).toBe('change')
  })

  it('marks deletions, security events and failed verifications critical', () => {
    expect(classifyEntry({ ...base, action: 'delete' }, critical)).toBe('critical')
    expect(classifyEntry({ ...base, trail: 'system', action: 'login_failed' }, critical)).toBe(
      'critical',
    )
    expect(
      classifyEntry(
        { ...base, trail: 'system', action: 'verify', details: { ok: false } },
        critical,
      ),
    ).toBe('critical')
    expect(
      classifyEntry(
        { ...base, trail: 'system', action: 'verify', details: { ok: true } },
        critical,
      ),
    ).toBe('none')
  })

  it('marks configuration and role changes as changes, sign-ins as nothing', () => {
    expect(classifyEntry({ ...base, trail: 'system', action: 'config_change' }, critical)).toBe(
      'change',
    )
    expect(classifyEntry({ ...base, trail: 'system', action: 'login' }, critical)).toBe('none')
  })
})
