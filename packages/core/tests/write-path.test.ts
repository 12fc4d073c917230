import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { APPEND_ONLY_TABLES, OPERATIONAL_TABLES } from '../src/store/schema.js'

/**
 * ARCHITECTURE §2.1 as a test: only `packages/core/src/store/` issues INSERT/UPDATE/DELETE, and
 * even there UPDATE and DELETE touch only the listed operational tables.
 */
const root = fileURLToPath(new URL('../../..', import.meta.url))
const SOURCE_DIRS = ['packages', 'apps']
const STORE = join('packages', 'core', 'src', 'store') + '/'

const WRITE_SQL = /\b(INSERT\s+(OR\s+\w+\s+)?INTO|REPLACE\s+INTO|UPDATE\s+[`"]?\w+[`"]?\s+SET|DELETE\s+FROM|DROP\s+(TABLE|TRIGGER|INDEX)|ALTER\s+TABLE|CREATE\s+TRIGGER)\b/i
/** Database drivers and the ORM may only be imported by the store. */
const DATABASE_IMPORT = /from\s+['"](drizzle-orm[^'"]*|@libsql\/client[^'"]*|libsql)['"]|import\(\s*['"](drizzle-orm|@libsql\/client|libsql)/

function sources(dir: string): string[] {
  const out: string[] = []
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue
    const path = join(dir, name)
    if (statSync(path).isDirectory()) out.push(...sources(path))
    else if (/\.(ts|tsx|js|mjs)$/.test(name) && !/\.test\.tsx?$/.test(name) && path.includes(`${'/src/'}`)) out.push(path)
  }
  return out
}

describe('one write path', () => {
  const files = SOURCE_DIRS.flatMap((d) => sources(join(root, d))).map((f) => relative(root, f))

  it('the patterns catch what they are meant to catch', () => {
    for (const bad of ["db.execute('INSERT INTO entries VALUES (1)')", 'UPDATE `users` SET x = 1', 'delete from record_versions', 'DROP TRIGGER entries_no_update']) {
      expect(WRITE_SQL.test(bad)).toBe(true)
    }
    for (const bad of ["import { drizzle } from 'drizzle-orm/libsql'", "import { createClient } from '@libsql/client'", "await import('libsql')"]) {
      expect(DATABASE_IMPORT.test(bad)).toBe(true)
    }
    expect(WRITE_SQL.test("createHash('sha256').update(text); map.delete(key)")).toBe(false)
  })

  it('scans a real source tree', () => {
    expect(files.length).toBeGreaterThan(20)
    expect(files).toContain('packages/core/src/store/libsql/write-tx.ts')
  })

  it('no module outside store/ writes SQL or touches the database driver', () => {
    const offenders = files
      .filter((f) => !f.startsWith(STORE))
      .filter((f) => {
        const text = readFileSync(join(root, f), 'utf8')
        return WRITE_SQL.test(text) || DATABASE_IMPORT.test(text)
      })
    expect(offenders).toEqual([])
  })

  it('inside store/, UPDATE and DELETE touch only operational tables', () => {
    const mutation = /\b(?:UPDATE\s+[`"]?(\w+)[`"]?\s+SET|DELETE\s+FROM\s+[`"]?(\w+))/gi
    const touched = new Set<string>()
    for (const f of files.filter((f) => f.startsWith(STORE))) {
      for (const m of readFileSync(join(root, f), 'utf8').matchAll(mutation)) touched.add((m[1] ?? m[2])!)
    }
    for (const table of touched) expect(OPERATIONAL_TABLES as readonly string[]).toContain(table)
    for (const table of APPEND_ONLY_TABLES) expect(touched.has(table)).toBe(false)
  })

  it('every append-only table has its UPDATE and DELETE triggers in the migrations', () => {
    const dir = join(root, 'packages/core/drizzle')
    const sql = readdirSync(dir).filter((f) => f.endsWith('.sql')).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n')
    for (const table of APPEND_ONLY_TABLES) {
      expect(sql).toContain(`BEFORE UPDATE ON \`${table}\``)
      expect(sql).toContain(`BEFORE DELETE ON \`${table}\``)
    }
  })
})
