import { describe, expect, it } from 'vitest'
import { filterForRole, isRecordScope, parseExportFilter } from './filter.js'

describe('export filter', () => {
  it('takes the audit query fields, drops blanks and normalises times to UTC', () => {
    expect(parseExportFilter({ trail: 'data', q: '', from: '2026-11-20', to: '2026-11-21T08:00:00+08:00' })).toEqual({ trail: 'data', from: '2026-11-20T00:00:00.000Z', to: '2026-11-21T00:00:00.000Z' })
    expect(parseExportFilter(undefined)).toEqual({})
    expect(isRecordScope({ recordType: 'meddev.batch', recordId: 'r' })).toBe(true)
  })

  it('refuses unknown fields and bad values, naming the field', () => {
    expect(() => parseExportFilter({ trail: 'both' })).toThrow(/filter\.trail/)
    expect(() => parseExportFilter({ from: 'yesterday' })).toThrow(/filter\.from/)
    expect(() => parseExportFilter({ limit: '5' })).toThrow(/validation|not valid/)
  })

  it('keeps a system administrator to the system trail', () => {
    expect(filterForRole({}, 'sysadmin')).toEqual({ trail: 'system' })
    expect(() => filterForRole({ trail: 'data' }, 'sysadmin')).toThrow(/system trail only/)
    expect(filterForRole({ trail: 'data' }, 'qa')).toEqual({ trail: 'data' })
  })
})
