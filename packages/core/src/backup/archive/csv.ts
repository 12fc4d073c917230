/** RFC 4180 CSV: CRLF line ends, fields quoted when they hold a comma, quote or line break. */
export function csv(rows: (string | number | null)[][]): string {
  const field = (v: string | number | null) => {
    const s = v === null ? '' : String(v)
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
  }
  return rows.map((r) => r.map(field).join(',')).join('\r\n') + '\r\n'
}
