import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { BackupTarget } from '../extension/backup-target.js'
import { offload } from './offload.js'
import { fetchObject, objectProblem, type Fetched } from './fetch.js'
import { CHECKPOINTS, MANIFEST, SUMS, objectName, setFolder } from './layout.js'
import { parseManifest, parseSums, type Manifest } from './manifest.js'
import { SEAL_MODULE, openBytes } from './seal.js'

/** The outcome of checking one backup set on its target. */
export interface SetVerification {
  ok: boolean
  backupId: string
  target: string
  /** Objects read and checked. */
  objects: number
  bytes: number
  problems: string[]
  manifest: Manifest | null
}

/**
 * Checks a backup set as it is stored: SHA256SUMS is there (the set is complete) and matches the
 * catalog; every object it lists hashes as listed and, but for the three plain ones, begins with
 * the age header; the manifest decrypts and matches the catalog's copy; every encrypted object
 * decrypts with `identities`, decompresses, and hashes to its plaintext SHA-256; checkpoints.txt
 * holds the manifest's checkpoints. Problems are collected, not thrown: one report names them all.
 * When `keep` is given, checked objects stay there (restores reuse them).
 */
export async function verifySet(options: {
  target: BackupTarget
  installId: string
  setId: string
  identities: string[]
  workDir: string
  expect?: { sha256?: string | null; manifest?: Manifest | null }
  /** Skip decrypting every object here (a restore decrypts them anyway, checking the same hashes). */
  skipDecrypt?: boolean
}): Promise<SetVerification & { fetched: Map<string, Fetched> }> {
  const { target, installId, setId, identities } = options
  const folder = setFolder(installId, setId)
  const dir = join(options.workDir, setId)
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const problems: string[] = []
  const fetched = new Map<string, Fetched>()
  let bytes = 0
  const report = (manifest: Manifest | null) => ({
    ok: problems.length === 0,
    backupId: setId,
    target: target.id,
    objects: fetched.size,
    bytes,
    problems,
    manifest,
    fetched,
  })
  const sums = await fetchObject(target, objectName(folder, SUMS), join(dir, SUMS))
  if (!sums) {
    problems.push(`${SUMS} is missing: the set ${setId} was never completed or was removed.`)
    return report(null)
  }
  bytes += sums.bytes
  if (options.expect?.sha256 && sums.sha256 !== options.expect.sha256) {
    problems.push(
      `${SUMS} has SHA-256 ${sums.sha256}, but the catalog recorded ${options.expect.sha256}.`,
    )
  }
  let listed: { path: string; sha256: string }[] = []
  try {
    listed = parseSums(readFileSync(sums.file, 'utf8'))
  } catch (error) {
    problems.push((error as Error).message)
  }
  for (const [i, line] of listed.entries()) {
    let name: string
    try {
      name = objectName(folder, line.path)
    } catch (error) {
      problems.push((error as Error).message)
      continue
    }
    const got = await fetchObject(target, name, join(dir, `object-${i}`))
    const problem = objectProblem(line.path, got, line.sha256)
    if (problem) problems.push(problem)
    if (got) {
      bytes += got.bytes
      fetched.set(line.path, got)
    }
  }
  const manifestFile = fetched.get(MANIFEST)
  if (!manifestFile) {
    problems.push(`${MANIFEST} is not listed in ${SUMS} or is missing.`)
    return report(null)
  }
  let manifest: Manifest
  try {
    manifest = parseManifest(
      (await openBytes(readFileSync(manifestFile.file), identities, 'none')).toString('utf8'),
    )
  } catch (error) {
    problems.push(`The manifest cannot be read: ${(error as Error).message}`)
    return report(null)
  }
  if (manifest.id !== setId) problems.push(`The manifest names set ${manifest.id}, not ${setId}.`)
  if (
    options.expect?.manifest &&
    JSON.stringify(options.expect.manifest) !== JSON.stringify(manifest)
  ) {
    problems.push('The stored manifest differs from the catalog’s copy.')
  }
  const sumsByPath = new Map(listed.map((l) => [l.path, l.sha256]))
  const jobs: {
    src: string
    dest: null
    compression: 'zstd' | 'none'
    expect: string
    path: string
  }[] = []
  for (const o of manifest.objects) {
    if (sumsByPath.get(o.path) !== o.cipher.sha256) {
      problems.push(`${o.path}: the manifest and ${SUMS} disagree about its stored bytes.`)
      continue
    }
    const file = fetched.get(o.path)
    if (file && file.sha256 === o.cipher.sha256 && !options.skipDecrypt)
      jobs.push({
        src: file.file,
        dest: null,
        compression: o.compression,
        expect: o.plain.sha256,
        path: o.path,
      })
  }
  const outcomes = jobs.length
    ? await offload<(string | null)[]>(bytes, SEAL_MODULE, 'checkSealedFiles', [
        jobs.map(({ src, compression, expect }) => ({ src, compression, expect })),
        identities,
      ])
    : []
  outcomes.forEach((outcome, i) => outcome && problems.push(`${jobs[i]!.path}: ${outcome}`))
  const checkpoints = fetched.get(CHECKPOINTS)
  if (checkpoints && readFileSync(checkpoints.file, 'utf8') !== manifest.checkpoints.join('\n')) {
    problems.push(`${CHECKPOINTS} differs from the checkpoints in the manifest.`)
  }
  return report(manifest)
}
