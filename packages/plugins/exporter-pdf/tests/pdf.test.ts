import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { exporterConformance } from '@veritrail/core'
import { pdfExporter, reportFont, wrap } from '../src/index.js'

/** The text `pdftotext` (poppler) reads from a PDF. */
function pdftotext(pdf: Uint8Array): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf }).toString('utf8')
}

describe('PDF report', () => {
  it('passes the exporter conformance kit, deterministic for the same items', async () => {
    const { output, items } = await exporterConformance(pdfExporter, { items: 120 })
    expect(Buffer.from(output.subarray(0, 5)).toString()).toBe('%PDF-')
    const text = pdftotext(output)
    // Chinese survives text extraction; labels, not codes; old → new values; the reason.
    expect(text).toContain('审计追踪报告')
    expect(text).toContain('灭菌时间: “15.0” → “15.10”')
    expect(text).toContain('王 Alice (alice), 操作员')
    expect(text).toContain('原因: Typing error')
    expect(text).toContain('修改')
    expect(text).not.toMatch(/\boperator\b/)
    // Local time with its zone, and UTC (R-TS-02).
    expect(text).toContain('2025-01-02 16:00:00 (Asia/Shanghai, UTC+08:00) · 2025-01-02T08:00:00.001Z')
    // Page x of y on every page (R-EX-05), the total filled in after the last page.
    const pages = Number(execFileSync('sh', ['-c', 'pdfinfo - | sed -n "s/^Pages: *//p"'], { input: output }).toString())
    expect(pages).toBeGreaterThan(1)
    for (let page = 1; page <= pages; page++) expect(text).toContain(`第 ${page} 页，共 ${pages} 页`)
    expect(items.length).toBe(120)
  })

  it('finds the CJK font Debian installs, and names the package when it is missing', () => {
    expect(reportFont().path).toMatch(/NotoSansCJK/)
    expect(() => reportFont([{ path: '/nonexistent/font.ttc' }])).toThrow(/fonts-noto-cjk/)
  })

  it('wraps at spaces, after CJK characters, and inside long tokens only when it must', () => {
    const measure = { char: () => 0.5, width: (t: string, size: number) => [...t].length * 0.5 * size }
    expect(wrap('aaa bbb ccc', 40, 10, measure)).toEqual(['aaa bbb', 'ccc'])
    expect(wrap('灭菌时间灭菌时间', 20, 10, measure)).toEqual(['灭菌时间', '灭菌时间'])
    expect(wrap('0123456789abcdef', 40, 10, measure)).toEqual(['01234567', '89abcdef'])
    expect(wrap('one\ntwo', 400, 10, measure)).toEqual(['one', 'two'])
  })
})
