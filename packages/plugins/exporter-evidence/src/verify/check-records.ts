import { recordHash, type JsonValue } from '@veritrail/core'
import type { Manifest } from '../manifest.js'
import type { BoundVersion } from './check-entries.js'
import { byteLines, type PackageReader } from './package-reader.js'
import type { Problems } from './verify-package.js'

async function* jsonLines(reader: PackageReader, folder: string): AsyncGenerator<{ where: string; value: Record<string, unknown> | undefined }> {
  const files = reader.names().filter((n) => n.startsWith(`${folder}/`) && n.endsWith('.jsonl')).sort()
  for (const name of files) {
    let line = 0
    for await (const bytes of byteLines((await reader.stream(name)) as AsyncIterable<Buffer>)) {
      line++
      let value: Record<string, unknown> | undefined
      try {
        value = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>
      } catch {
        value = undefined
      }
      yield { where: `${name} line ${line}`, value }
    }
  }
}

/**
 * Every record version hashes to its recordHash, and that hash is the one the entry that wrote
 * the version carries (so the data is the data the signed trail recorded).
 */
export async function checkRecords(reader: PackageReader, manifest: Manifest, versions: Map<number, BoundVersion>, problems: Problems): Promise<number> {
  let count = 0
  for await (const { where, value: r } of jsonLines(reader, 'records')) {
    count++
    if (!r) {
      problems.add(`${where} is not JSON.`)
      continue
    }
    const computed = recordHash(String(r.type), String(r.id), Number(r.version), (r.data ?? null) as JsonValue | null)
    if (computed !== r.recordHash) {
      problems.add(`${where}: version ${String(r.version)} of ${String(r.type)} ${String(r.id)} was altered (its content hashes to ${computed}, not ${String(r.recordHash)}).`)
      continue
    }
    const bound = versions.get(Number(r.seq))
    if (!bound) problems.add(`${where}: no entry in the package wrote this version (data-trail entry ${String(r.seq)}).`)
    else if (bound.recordHash !== computed || bound.type !== r.type || bound.id !== r.id || bound.version !== r.version) {
      problems.add(`${where}: data-trail entry ${String(r.seq)} recorded other content for ${String(r.type)} ${String(r.id)} version ${String(r.version)}.`)
    }
  }
  if (count !== manifest.records) problems.add(`The package holds ${count} record versions; the manifest says ${manifest.records}.`)
  return count
}

/** Every signature names the version its `sign` entry signed, by the same content hash. */
export async function checkSignatures(reader: PackageReader, manifest: Manifest, signed: Map<string, BoundVersion>, problems: Problems): Promise<number> {
  let count = 0
  for await (const { where, value: s } of jsonLines(reader, 'signatures')) {
    count++
    const target = s?.target as { type?: string; id?: string; version?: number } | undefined
    const bound = s ? signed.get(String(s.id)) : undefined
    if (!s || !target) problems.add(`${where} is not a signature.`)
    else if (!bound) problems.add(`${where}: no sign entry in the package made signature ${String(s.id)}.`)
    else if (bound.recordHash !== s.recordHash || bound.type !== target.type || bound.id !== target.id || bound.version !== target.version) {
      problems.add(`${where}: signature ${String(s.id)} does not match the version its sign entry signed.`)
    }
  }
  if (count !== manifest.signatures) problems.add(`The package holds ${count} signatures; the manifest says ${manifest.signatures}.`)
  return count
}
