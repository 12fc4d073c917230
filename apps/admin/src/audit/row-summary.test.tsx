import { render, screen } from '@solidjs/testing-library'
import { createSignal } from 'solid-js'
import { afterEach, describe, expect, it } from 'vitest'
import type { Entry } from '../api/types.ts'
import { setLocale } from '../i18n/i18n.ts'
import { EntryRow } from './EntryRow.tsx'
import type { ExceptionClass } from './exception.ts'
import { rowSummary } from './row-summary.ts'

const entry = (changes: number): Entry => ({
  v: 1,
  seq: 42,
  trail: 'data',
  ts: '2026-11-22T05:18:32.000Z',
  tz: 'Asia/Shanghai',
  actor: { id: 'u1', username: 'olivia', displayName: 'Olivia', role: 'operator', type: 'person' },
  action: 'update',
  correlationId: 'c1',
  target: { type: 'meddev.recipe', typeVersion: '1.0.0', id: 'r1', version: 3 },
  changes: Array.from({ length: changes }, (_, i) => ({
    field: `f${i}`,
    label: `Field ${i}`,
    old: 'x'.repeat(500),
    new: Array.from({ length: 200 }, (_, r) => ({ row: r, value: 'long value' })),
  })),
  reason: { code: 'other', label: 'Other (explain)', text: '复测后更正 '.repeat(100) },
  client: { ip: '10.0.0.1', userAgent: 'test' },
  leafHash: 'AAAA',
  display: { action: 'Modified', role: 'Operator', recordType: 'Process recipe' },
})

afterEach(() => setLocale('en'))

describe('rowSummary (one list row)', () => {
  it('keeps an entry with many long changes to one line of text', () => {
    const row = rowSummary(entry(30))
    expect(row).toMatchObject({
      action: 'Modified',
      who: 'Olivia (Operator)',
      target: 'Process recipe · Version 3',
      seq: 42,
    })
    expect(row.changes.length).toBeLessThanOrEqual(160)
    expect(row.changes).toMatch(/^Field 0: x{39}… → /)
    expect(row.reason.length).toBeLessThanOrEqual(160)
    expect(row.reason.endsWith('…')).toBe(true)
    expect(rowSummary(entry(0)).changes).toBe('')
  })

  it('makes the text once per entry and language', () => {
    const e = entry(2)
    const first = rowSummary(e)
    expect(rowSummary(e)).toBe(first)
    setLocale('zh-CN')
    const chinese = rowSummary(e)
    expect(chinese).not.toBe(first)
    expect(chinese.target).toBe('Process recipe · 第 3 版')
  })
})

describe('EntryRow', () => {
  it('shows the summary and follows the review-by-exception class as record types become known', () => {
    const [exception, setException] = createSignal<ExceptionClass>('change')
    render(() => <EntryRow entry={entry(2)} exception={exception()} />)
    const tag = screen.getByText('Change')
    expect(tag.closest('.entry-row')!.className).toContain('exception-change')
    expect(tag.closest('.entry-row')!.textContent).toContain('#42')
    setException('critical')
    expect(tag.textContent).toBe('Critical')
    expect(tag.closest('.entry-row')!.className).toContain('exception-critical')
  })
})
