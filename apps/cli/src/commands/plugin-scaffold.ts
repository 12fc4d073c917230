import { CORE_VERSION } from '@veritrail/core'

/** The files of a new plugin, by path, for package `name` whose contribution ids start `prefix.`. */
export function scaffoldFiles(name: string, prefix: string): Record<string, string> {
  const packageJson = {
    name,
    version: '0.1.0',
    description: 'A Veritrail plugin',
    type: 'module',
    exports: {
      '.': {
        types: './dist/index.d.ts',
        development: './src/index.ts',
        default: './dist/index.js',
      },
    },
    files: ['dist', 'src'],
    scripts: { build: 'tsc -p tsconfig.json', test: 'vitest run' },
    dependencies: { '@veritrail/core': `^${CORE_VERSION}`, valibot: '^1.5.0' },
    devDependencies: { typescript: '^5.9.0', vitest: '^4.1.0', '@types/node': '^20.19.0' },
    veritrail: {
      engine: `^${CORE_VERSION}`,
      contributes: {
        recordTypes: [{ id: `${prefix}.sample`, version: '1.0.0' }],
        exceptionRules: [{ id: `${prefix}.sampleDeleted`, version: '1.0.0' }],
      },
    },
  }
  return {
    'package.json': JSON.stringify(packageJson, null, 2) + '\n',
    'tsconfig.json':
      JSON.stringify(
        {
          compilerOptions: {
            target: 'ES2023',
            module: 'NodeNext',
            moduleResolution: 'NodeNext',
            strict: true,
            declaration: true,
            rootDir: 'src',
            outDir: 'dist',
            skipLibCheck: true,
            types: ['node'],
          },
          include: ['src'],
        },
        null,
        2,
      ) + '\n',
    'src/index.ts': indexTs(prefix),
    'tests/plugin.test.ts': testTs(prefix),
  }
}

function indexTs(prefix: string): string {
  return `import * as v from 'valibot'
import { decimal, defineDeclarativeRule, defineRecordType, type PluginContext } from '@veritrail/core'

/** A record type: the schema validates, the field list labels and marks critical fields. */
export const sample = defineRecordType({
  id: '${prefix}.sample',
  version: '1.0.0',
  title: { en: 'Sample', 'zh-CN': '样品' },
  schema: v.object({
    code: v.pipe(v.string(), v.minLength(1, 'Give the sample code.')),
    weight: decimal(),
  }),
  fields: {
    code: { kind: 'text', label: { en: 'Sample code', 'zh-CN': '样品编号' } },
    weight: { kind: 'decimal', unit: 'g', critical: 'CQA', label: { en: 'Weight', 'zh-CN': '重量' } },
  },
  reasons: [
    { code: 'typo', label: { en: 'Typing error', 'zh-CN': '录入错误' } },
    { code: 'other', label: { en: 'Other', 'zh-CN': '其他' }, requiresText: true },
  ],
  deletable: { roles: ['operator'] },
  summary: '{code}',
})

/** A declarative exception rule: data the core evaluates, no code runs. */
export const sampleDeleted = defineDeclarativeRule({
  meta: {
    id: '${prefix}.sampleDeleted',
    version: '1.0.0',
    severity: 'warning',
    description: { en: 'A sample record was deleted', 'zh-CN': '样品记录被删除' },
  },
  when: { trail: 'data', actions: ['delete'], recordTypes: ['${prefix}.sample'] },
  message: { en: '{actor} deleted {record}. Reason: {reason}.', 'zh-CN': '{actor}删除了{record}。原因：{reason}。' },
})

/** Registers everything the manifest declares; the ids and versions must match it. */
export function activate(ctx: PluginContext) {
  return [ctx.recordTypes.register(sample), ctx.exceptionRules.register(sampleDeleted)]
}
`
}

function testTs(prefix: string): string {
  return `import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import {
  createRuleContext,
  openCore,
  parseManifest,
  runRules,
  staticRegistry,
  type Entry,
  type PluginContext,
} from '@veritrail/core'
import { activate, sample, sampleDeleted } from '../src/index.js'

const person = {
  actor: { id: 'u-1', username: 'alice', displayName: 'Alice', role: 'operator', type: 'person' as const },
  client: { ip: '127.0.0.1', userAgent: 'test' },
  correlationId: 'c-1',
}

describe('the plugin', () => {
  it('registers exactly what its manifest declares', () => {
    const manifest = parseManifest(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')))
    if (!manifest.success) throw new Error(manifest.problems.join('\\n'))
    const registered: string[] = []
    const record = (id: string, version: string) => {
      registered.push(\`\${id}@\${version}\`)
      return { dispose() {} }
    }
    activate({
      recordTypes: { register: (t) => record(t.id, t.version) },
      exceptionRules: { register: (r) => record(r.meta.id, r.meta.version) },
    } as PluginContext)
    const { recordTypes, exceptionRules } = manifest.manifest.veritrail.contributes
    expect(registered).toEqual([...recordTypes, ...exceptionRules].map((c) => \`\${c.id}@\${c.version}\`))
  })

  it('validates samples, keeping the digits of the weight', () => {
    expect(v.safeParse(sample.schema, { code: 'S-1', weight: '1.50' }).success).toBe(true)
    expect(v.safeParse(sample.schema, { code: '', weight: '1,5' }).success).toBe(false)
  })

  it('flags a deleted sample in a real audit trail', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plugin-test-'))
    const core = await openCore({ dataDir: dir, registry: staticRegistry([sample]), timeZone: 'UTC' })
    try {
      const { id } = await core.records.create(sample.id, { code: 'S-1', weight: '1.50' }, person)
      await core.records.delete(sample.id, id, { reason: { code: 'other', text: 'entered twice' } }, person)
      const rows = await core.store.read.sql.select("SELECT bytes FROM entries WHERE trail = 'data' ORDER BY seq")
      const entries = rows.map((r) => JSON.parse(String(r[0])) as Entry)
      const ctx = createRuleContext(core.store.read, { trail: 'data' })
      const result = await runRules([{ rule: sampleDeleted, pack: 'test', packHash: 'test' }], entries, ctx)
      expect(result.findings).toHaveLength(1)
      expect(result.findings[0]!.message.en).toContain('Alice')
      expect(result.findings[0]!.message.en).toContain('entered twice')
    } finally {
      await core.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
`
}
