import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { describe, expect, it } from 'vitest'
import { ACTIONS, exporterConformance } from '@veritrail/core'
import { csvExporter, csvRecord, jsonlExporter, textCell } from '../src/index.js'

const schema = JSON.parse(readFileSync(new URL('../schema/entry.v1.schema.json', import.meta.url), 'utf8'))

/** The entry schema compiled with ajv (draft 2020-12, formats checked). */
export function entryValidator() {
  const ajv = new Ajv2020({ allErrors: true, strict: true })
  addFormats.default(ajv)
  return ajv.compile(schema)
}

/** Rows of a CSV as Python's csv module reads them (utf-8-sig strips the BOM). */
function pythonRows(csv: Uint8Array): string[][] {
  const out = execFileSync('python3', ['-c', "import csv, io, json, sys; print(json.dumps(list(csv.reader(io.TextIOWrapper(sys.stdin.buffer, encoding='utf-8-sig', newline='')))))"], { input: csv })
  return JSON.parse(out.toString('utf8'))
}

describe('CSV', () => {
  it('passes the exporter conformance kit', async () => {
    const { output, items } = await exporterConformance(csvExporter)
    const rows = pythonRows(output)
    const entries = items.filter((i) => i.kind === 'entry')
    expect(rows).toHaveLength(entries.length + 1)
    expect(Buffer.from(output.subarray(0, 3))).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
    expect(rows[0]).toContain('变更（字段：原值 → 新值）')
    // The stored entry survives the round trip, quotes, commas and line breaks included.
    expect(rows.slice(1).map((r) => r.at(-1))).toEqual(entries.map((e) => (e.kind === 'entry' ? e.bytes : '')))
    expect(rows[2]).toContain('灭菌时间: “15.0” → “15.10”')
    expect(rows[2]).toContain('line\nbreak, comma; "quote"')
  })

  it('quotes per RFC 4180 and keeps spreadsheets from running formulas', () => {
    expect(csvRecord(['a', 'b,c', 'say "hi"', 'x\ny'])).toBe('a,"b,c","say ""hi""","x\ny"\r\n')
    expect(textCell('=HYPERLINK("x")')).toBe('\'=HYPERLINK("x")')
    expect(textCell('Olivia')).toBe('Olivia')
  })
})

describe('JSON Lines', () => {
  it('passes the conformance kit; every line is the stored bytes plus leafHash and validates against the schema', async () => {
    const { output, items } = await exporterConformance(jsonlExporter)
    const lines = Buffer.from(output).toString('utf8').trimEnd().split('\n')
    const entries = items.flatMap((i) => (i.kind === 'entry' ? [i] : []))
    expect(lines).toHaveLength(entries.length)
    const validate = entryValidator()
    lines.forEach((line, i) => {
      expect(validate(JSON.parse(line)), JSON.stringify(validate.errors)).toBe(true)
      expect(line.replace(/,"leafHash":"[^"]+"}$/, '}')).toBe(entries[i]!.bytes)
      expect(Buffer.from(JSON.parse(line).leafHash, 'base64').toString('hex')).toBe(entries[i]!.leafHash)
    })
  })

  it('publishes a versioned schema whose actions are exactly the core’s', () => {
    expect(schema.$id).toMatch(/entry\.v1\.schema\.json$/)
    expect(schema.properties.v.const).toBe(1)
    expect(schema.properties.action.enum).toEqual([...ACTIONS])
    const validate = entryValidator()
    expect(validate({ v: 1, seq: 1, trail: 'data', ts: '2026-11-20T08:00:00Z', tz: 'UTC', actor: {}, action: 'create', correlationId: 'c', client: { ip: '', userAgent: '' }, leafHash: 'x' })).toBe(false)
  })
})
