import { describe, expect, it } from 'vitest'
import type { StoredRecordType } from '../extension/exception-rule.js'
import type { Entry } from '../ledger/entry.js'
import { describeEntry, formatTimeView, timeView } from './present.js'

const entry: Entry = {
  v: 1,
  seq: 7,
  trail: 'data',
  ts: '2026-11-20T08:05:12.123Z',
  tz: 'Asia/Shanghai',
  actor: { id: 'u1', username: 'olivia', displayName: 'Olivia Tester', role: 'operator', type: 'person' },
  action: 'update',
  correlationId: 'c1',
  target: { type: 'test.batch', typeVersion: '1.0.0', id: 'r1', version: 2 },
  changes: [{ field: 'minutes', label: 'Sterilisation time', old: '30', new: '25' }, { field: 'status', label: 'Status', old: 'draft', new: 'released' }],
  reason: { code: 'timer', label: 'Timer fault', text: '计时器误差' },
  client: { ip: '10.0.0.7', userAgent: 'test' },
}
const type = {
  id: 'test.batch',
  version: '1.0.0',
  title: { en: 'Batch', 'zh-CN': '批次' },
  fields: {
    minutes: { kind: 'decimal', unit: 'min', label: { en: 'Sterilisation time', 'zh-CN': '灭菌时间' } },
    status: { kind: 'enum', label: { en: 'Status', 'zh-CN': '状态' }, options: [{ value: 'draft', label: { en: 'Draft', 'zh-CN': '草稿' } }, { value: 'released', label: { en: 'Released', 'zh-CN': '已放行' } }] },
  },
  reasons: [{ code: 'timer', label: { en: 'Timer fault', 'zh-CN': '计时器故障' } }],
} as unknown as StoredRecordType

describe('describeEntry', () => {
  it('presents labels in the locale, values with units and option labels, times with zone and UTC', () => {
    const view = describeEntry(entry, 'zh-CN', (id, version) => (id === 'test.batch' && version === '1.0.0' ? type : undefined))
    expect(view).toMatchObject({ action: '修改', actor: { name: 'Olivia Tester', role: '操作员' }, record: { title: '批次', id: 'r1', version: 2 }, reason: { label: '计时器故障', text: '计时器误差' }, modifiedAfterEntry: true })
    expect(view.changes).toEqual([
      { field: 'minutes', label: '灭菌时间', old: '30 min', new: '25 min' },
      { field: 'status', label: '状态', old: '草稿', new: '已放行' },
    ])
    expect(formatTimeView(view.time)).toBe('2026-11-20 16:05:12 (Asia/Shanghai, UTC+08:00) · 2026-11-20T08:05:12.123Z')
  })

  it('falls back to the labels frozen in the entry when the record type is not known', () => {
    const view = describeEntry(entry, 'en')
    expect(view.changes[0]).toMatchObject({ label: 'Sterilisation time', old: '“30”' })
    expect(view.reason).toEqual({ label: 'Timer fault', text: '计时器误差' })
  })

  it('shows the signature manifestation of a sign entry', () => {
    const view = describeEntry({ ...entry, action: 'sign', changes: undefined, reason: undefined, details: { signatureId: 's1', meaning: 'approval', signer: 'Quinn QA' } }, 'en')
    expect(view.signature).toEqual({ meaning: 'Approved', signer: 'Quinn QA' })
    expect(view.details).toEqual([{ label: 'Signature ID', value: 's1' }])
  })

  it('states local time in zones west of UTC too', () => {
    expect(timeView('2026-01-15T12:00:00.000Z', 'America/New_York')).toMatchObject({ local: '2026-01-15 07:00:00', offset: '-05:00' })
  })
})
