import { describe, expect, it } from 'vitest'
import type { Entry } from '../api/types.ts'
import {
  auditApiQuery,
  EMPTY_FILTERS,
  filtersFromSearch,
  filtersToSearch,
  matchesReason,
} from './audit-query.ts'

describe('audit filters', () => {
  it('round-trips through the URL and leaves empty filters out', () => {
    const filters = { ...EMPTY_FILTERS, q: '灭菌', trail: 'data' as const, order: 'asc' as const }
    const search = filtersToSearch(filters, { entry: 'data:5' })
    expect(search).toBe('?entry=data%3A5&trail=data&q=%E7%81%AD%E8%8F%8C&order=asc')
    expect(filtersFromSearch(new URLSearchParams(search))).toEqual(filters)
    expect(filtersFromSearch(new URLSearchParams('?trail=bogus&order=x'))).toEqual(EMPTY_FILTERS)
  })

  it('asks the API with ISO times and sends the reason text as the search when there is no other', () => {
    const filters = { ...EMPTY_FILTERS, reason: 'calibration', from: '2026-11-22T08:00' }
    const url = new URLSearchParams(auditApiQuery(filters, 'abc', 100))
    expect(url.get('q')).toBe('calibration')
    expect(url.get('from')).toBe(new Date('2026-11-22T08:00').toISOString())
    expect(url.get('cursor')).toBe('abc')
    expect(url.get('limit')).toBe('100')
    expect(
      new URLSearchParams(auditApiQuery({ ...filters, q: 'AC-1' }, undefined, 50)).get('q'),
    ).toBe('AC-1')
  })

  it('matches the reason by its label or text, case-insensitively', () => {
    const entry = {
      reason: { code: 'other', label: 'Other (explain)', text: '复测后更正 after calibration' },
    } as Entry
    expect(matchesReason(entry, 'CALIBRATION')).toBe(true)
    expect(matchesReason(entry, '复测')).toBe(true)
    expect(matchesReason(entry, 'typo')).toBe(false)
    expect(matchesReason({} as Entry, '')).toBe(true)
  })
})
