import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { basename, join } from 'node:path'
import type { VerifierKey } from '../../ledger/note.js'
import { engineProblem, parseManifest, type PluginManifest } from '../manifest.js'
import { verifyPack, type PackVerification } from '../signing/pack-signature.js'
import { resolveEntry } from './entry-point.js'
import type { PluginOrigin } from './plugin-status.js'

/** A pack found on disk, read without running any of its code. */
export interface DiscoveredPack {
  /** The package name, or the folder name when package.json cannot be read. */
  id: string
  dir: string
  origin: PluginOrigin
  manifest: PluginManifest | null
  verification: PackVerification | null
  /** Absolute path of the entry module, when it resolves. */
  entry: string | null
  /** Set when the pack cannot run whatever an administrator decides. */
  unusable: { status: 'invalid' | 'incompatible'; problems: string[] } | null
}

/**
 * The pack folders below `root`: every folder holding a package.json, one level down (two for
 * npm scopes, `@scope/name`). A missing root has no packs.
 */
export function packFolders(root: string): string[] {
  if (!existsSync(root)) return []
  return readdirSync(root)
    .sort()
    .flatMap((name) => {
      const dir = join(root, name)
      if (!statSync(dir).isDirectory()) return []
      if (name.startsWith('@'))
        return readdirSync(dir)
          .sort()
          .map((n) => join(dir, n))
          .filter((d) => statSync(d).isDirectory())
      return [dir]
    })
}

/**
 * Reads one pack: its manifest (strictly), its engine range, its entry, and its files against
 * their signature and the trusted publisher keys. Never throws: what is wrong is in `unusable`.
 */
export function readPack(
  dir: string,
  origin: PluginOrigin,
  trusted: readonly VerifierKey[],
  coreVersion: string,
  sources: boolean,
): DiscoveredPack {
  const base = { id: basename(dir), dir, origin, manifest: null, verification: null, entry: null }
  const invalid = (problems: string[]): DiscoveredPack => ({
    ...base,
    unusable: { status: 'invalid', problems },
  })
  let json: unknown
  try {
    json = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
  } catch (error) {
    return invalid([`Its package.json cannot be read: ${(error as Error).message}`])
  }
  const read = parseManifest(json)
  if (!read.success) return invalid(read.problems)
  const manifest = read.manifest
  const named = { ...base, id: manifest.name, manifest }
  let verification: PackVerification
  try {
    verification = verifyPack(dir, trusted)
  } catch (error) {
    return { ...named, unusable: { status: 'invalid', problems: [(error as Error).message] } }
  }
  const engine = engineProblem(manifest, coreVersion)
  if (engine)
    return { ...named, verification, unusable: { status: 'incompatible', problems: [engine] } }
  try {
    const entry = resolveEntry(dir, manifest, {
      sources: sources && origin === 'first-party',
      javascriptOnly: origin === 'third-party',
    })
    return { ...named, verification, entry, unusable: null }
  } catch (error) {
    return {
      ...named,
      verification,
      unusable: { status: 'invalid', problems: [(error as Error).message] },
    }
  }
}
