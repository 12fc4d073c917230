import { execFile } from 'node:child_process'
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runCli } from '../src/main.js'

const REPO = fileURLToPath(new URL('../../../', import.meta.url))
const PACK = join(REPO, 'packages/core/tests/plugins/fixtures/third-party/good-rules')

async function cli(...argv: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(
    argv,
    (l) => out.push(l),
    (l) => err.push(l),
  )
  return { code, out: out.join('\n'), err: err.join('\n') }
}

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'veritrail-cli-plugin-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('veritrail plugin keygen | sign | verify', () => {
  it('signs a pack and verifies it against the publisher key, and catches a modified file', async () => {
    const keygen = await cli('plugin', 'keygen', 'partner.example', '--out', dir)
    expect(keygen.code).toBe(0)
    const keyFile = join(dir, 'partner.example.key')
    expect(statSync(keyFile).mode & 0o777).toBe(0o600)
    expect(readFileSync(keyFile, 'utf8')).toMatch(/^PRIVATE\+KEY\+partner\.example\+[0-9a-f]{8}\+/)
    expect((await cli('plugin', 'keygen', 'partner.example', '--out', dir)).err).toMatch(
      /never overwritten/,
    )

    const pack = join(dir, 'pack')
    cpSync(PACK, pack, { recursive: true })
    const sign = await cli('plugin', 'sign', pack, '--key', keyFile)
    expect(sign.code).toBe(0)
    expect(sign.out).toMatch(
      /^Signed @partner\/good-rules 2\.0\.0: 2 files\nPublisher: partner\.example\+[0-9a-f]{8}\nManifest hash: [0-9a-f]{64}$/,
    )
    expect(readFileSync(join(pack, 'SIGNATURE'), 'utf8')).toMatch(
      /^veritrail-pack v1\n@partner\/good-rules 2\.0\.0\n/,
    )

    const pub = join(dir, 'partner.example.pub')
    const ok = await cli('plugin', 'verify', pack, '--key', pub)
    expect([ok.code, ok.out.split('\n').at(-1)]).toEqual([0, 'Result: VALID'])
    const inline = await cli('plugin', 'verify', pack, '--key', readFileSync(pub, 'utf8').trim())
    expect(inline.code).toBe(0)
    const unknown = await cli('plugin', 'verify', pack)
    expect([unknown.code, unknown.out.split('\n').at(-1)]).toEqual([1, 'Result: NOT VERIFIED'])

    appendFileSync(join(pack, 'index.js'), '\n// changed\n')
    const tampered = await cli('plugin', 'verify', pack, '--key', pub)
    expect(tampered.code).toBe(1)
    expect(tampered.out).toContain('The files differ from what was signed: index.js was modified.')
    expect(tampered.out).toMatch(/Result: TAMPERED$/)
  })

  it('explains what is missing', async () => {
    expect((await cli('plugin', 'sign', PACK)).err).toMatch(
      /Give the publisher signing key file with --key/,
    )
    expect((await cli('plugin', 'verify')).err).toMatch(/Give the pack folder/)
    const bad = await cli(
      'plugin',
      'verify',
      join(REPO, 'packages/core/tests/plugins/fixtures/third-party/bad-manifest'),
    )
    expect([bad.code, bad.err]).toEqual([
      2,
      expect.stringMatching(/is not a valid plugin manifest: veritrail\.contributes\.rules/),
    ])
  })
})

describe('veritrail plugin new', () => {
  it('scaffolds a plugin whose own tests pass', async () => {
    // Generated inside the repository so its imports resolve to this checkout's core.
    const target = join(REPO, 'apps/cli/tests', `.scaffold-${process.pid}`)
    try {
      const made = await cli('plugin', 'new', '@acme/line-checks', '--dir', target)
      expect(made.code).toBe(0)
      expect(made.out).toContain(
        'record type line-checks.sample, declarative rule line-checks.sampleDeleted',
      )
      const manifest = JSON.parse(readFileSync(join(target, 'package.json'), 'utf8'))
      expect(manifest.veritrail).toEqual({
        engine: '^0.1.0',
        contributes: {
          recordTypes: [{ id: 'line-checks.sample', version: '1.0.0' }],
          exceptionRules: [{ id: 'line-checks.sampleDeleted', version: '1.0.0' }],
        },
      })
      expect((await cli('plugin', 'new', '@acme/line-checks', '--dir', target)).err).toMatch(
        /exists/,
      )
      const vitest = join(REPO, 'node_modules/.bin/vitest')
      const run = await promisify(execFile)(
        vitest,
        ['run', join(target, 'tests/plugin.test.ts'), '--root', REPO],
        { cwd: REPO },
      ).catch((e: { stdout: string; stderr: string }) => e)
      expect(run.stdout + run.stderr).toMatch(/Tests\s+.*3 passed/)
    } finally {
      if (existsSync(target)) rmSync(target, { recursive: true, force: true })
    }
  }, 60_000)
})
