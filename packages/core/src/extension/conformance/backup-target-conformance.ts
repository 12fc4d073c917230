import { createHash, randomBytes } from 'node:crypto'
import { isVeritrailError } from '../../errors.js'
import { LOCALES } from '../i18n.js'
import type { BackupBody, BackupTarget } from '../backup-target.js'
import { check, conformanceFailure } from './conformance-failure.js'

/** Options of `backupTargetConformance`. */
export interface BackupTargetConformanceOptions {
  /** Size of the large object streamed in chunks (default 3 MiB). */
  largeBytes?: number
}

/**
 * Exercises a backup target against the contract with real bytes and throws a `plugin_error`
 * naming the first check that fails. All objects go below a fresh `conformance-<random>/`
 * prefix, so the kit can run against real storage; with `prune` they are removed afterwards.
 *
 * Checks: the declared shape (no `delete`; `prune` exactly when `capabilities.deletes`); bytes
 * and streams round-trip exactly through `put`/`get`, including an empty and a large object;
 * `stat` and `get` answer `null` for a missing name; `put` refuses an existing name with
 * `conflict`; a `put` whose stream fails leaves nothing visible; names that could escape
 * (`../x`, `/x`, `a//b`) are refused; `list(prefix)` yields exactly the objects below the prefix.
 *
 * @example
 * it('conforms', () => backupTargetConformance(() => folderTarget(tempDir())))
 */
export async function backupTargetConformance(
  makeTarget: () => BackupTarget | Promise<BackupTarget>,
  options: BackupTargetConformanceOptions = {},
): Promise<void> {
  const target = await makeTarget()
  const subject = `Backup target ${JSON.stringify(target?.id)}`
  const fail = (name: string, problem: string) => conformanceFailure(subject, name, problem)
  checkShape(subject, target)
  const root = `conformance-${randomBytes(6).toString('hex')}/`
  const small = new TextEncoder().encode('snapshot 1 · 快照\n')
  const large = randomBytes(options.largeBytes ?? 3 * 1024 * 1024)

  await check(subject, 'round trip', async () => {
    await target.put(`${root}small.bin`, small)
    await target.put(`${root}empty.bin`, new Uint8Array())
    await target.put(`${root}deep/large.bin`, chunked(large, 64 * 1024))
    for (const [name, bytes] of [
      ['small.bin', small],
      ['empty.bin', new Uint8Array()],
      ['deep/large.bin', large],
    ] as const) {
      const got = await target.get(root + name)
      if (got === null) throw fail('round trip', `get(${root + name}) answered null after put.`)
      if (sha256(await collect(got)) !== sha256(bytes))
        throw fail('round trip', `${name} came back with other bytes.`)
      const stat = await target.stat(root + name)
      if (stat?.size !== bytes.length || stat.name !== root + name) {
        throw fail(
          'round trip',
          `stat(${name}) answered ${JSON.stringify(stat)}, not size ${bytes.length}.`,
        )
      }
    }
  })
  await check(subject, 'missing object', async () => {
    if ((await target.stat(`${root}missing`)) !== null)
      throw fail('missing object', 'stat of a missing name is not null.')
    if ((await target.get(`${root}missing`)) !== null)
      throw fail('missing object', 'get of a missing name is not null.')
  })
  await check(subject, 'no overwrite', async () => {
    const refused = await rejection(target.put(`${root}small.bin`, new Uint8Array([1])))
    if (!isVeritrailError(refused) || refused.code !== 'conflict') {
      throw fail(
        'no overwrite',
        'a put to an existing name must reject with VeritrailError code conflict.',
      )
    }
    if (sha256(await collect((await target.get(`${root}small.bin`))!)) !== sha256(small)) {
      throw fail('no overwrite', 'a refused put changed the stored object.')
    }
  })
  await check(subject, 'interrupted put', async () => {
    async function* failing() {
      yield new Uint8Array(1024)
      throw new Error('conformance: connection lost')
    }
    if ((await rejection(target.put(`${root}partial.bin`, failing()))) === undefined) {
      throw fail('interrupted put', 'put resolved although its stream failed.')
    }
    if ((await target.stat(`${root}partial.bin`)) !== null) {
      throw fail('interrupted put', 'a put whose stream failed left an object behind.')
    }
  })
  await check(subject, 'object names', async () => {
    for (const bad of [`${root}../escape`, `/${root}abs`, `${root}a//b`, `${root}`, '']) {
      if ((await rejection(target.put(bad, small))) === undefined) {
        throw fail('object names', `put accepted the name ${JSON.stringify(bad)}.`)
      }
    }
  })
  await check(subject, 'list', async () => {
    const names = []
    for await (const info of target.list(root)) names.push(info.name)
    const expected = ['deep/large.bin', 'empty.bin', 'small.bin'].map((n) => root + n)
    if (JSON.stringify(names.sort()) !== JSON.stringify(expected)) {
      throw fail(
        'list',
        `list(${root}) yielded ${JSON.stringify(names)}, not ${JSON.stringify(expected)}.`,
      )
    }
    for await (const info of target.list(`${root}deep/`)) {
      if (!info.name.startsWith(`${root}deep/`))
        throw fail('list', `list(${root}deep/) yielded ${info.name}.`)
    }
  })
  if (target.prune) {
    await check(subject, 'prune', async () => {
      for (const name of ['small.bin', 'empty.bin', 'deep/large.bin'])
        await target.prune!(root + name)
      if ((await target.stat(`${root}small.bin`)) !== null)
        throw fail('prune', 'an object was still there after prune.')
    })
  }
}

function checkShape(subject: string, target: BackupTarget): void {
  const fail = (problem: string) => conformanceFailure(subject, 'shape', problem)
  if (typeof target !== 'object' || target === null)
    throw fail('makeTarget did not give an object.')
  if (!/^[a-z][a-z0-9-]*(\.[A-Za-z0-9_-]+)+$/.test(target.id ?? ''))
    throw fail('its id must read <pack>.<name>.')
  for (const locale of LOCALES) {
    if (typeof target.label?.[locale] !== 'string' || target.label[locale] === '')
      throw fail(`its label has no ${locale} text.`)
  }
  const caps = target.capabilities
  for (const key of ['immutable', 'encryptedInTransit', 'deletes'] as const) {
    if (typeof caps?.[key] !== 'boolean') throw fail(`capabilities.${key} must be true or false.`)
  }
  for (const method of ['put', 'get', 'list', 'stat'] as const) {
    if (typeof target[method] !== 'function') throw fail(`it has no ${method} function.`)
  }
  if ('delete' in target)
    throw fail('it has a delete function; removal is only through prune, an audited operation.')
  if (caps.deletes !== (typeof target.prune === 'function')) {
    throw fail('prune must be present exactly when capabilities.deletes is true.')
  }
}

async function* chunked(bytes: Uint8Array, size: number): AsyncIterable<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size)
}

async function collect(body: BackupBody): Promise<Uint8Array> {
  if (body instanceof Uint8Array) return body
  const parts: Uint8Array[] = []
  for await (const chunk of body) parts.push(chunk)
  return Buffer.concat(parts)
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p
    return undefined
  } catch (error) {
    return error ?? new Error('rejected')
  }
}
