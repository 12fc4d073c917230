import { createHash } from 'node:crypto'
import { lstatSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { VeritrailError } from '../../errors.js'

/** The signature file at the root of a pack; it is not itself part of what is signed. */
export const SIGNATURE_FILE = 'SIGNATURE'

/** Folders never part of a pack: installed dependencies, VCS and build caches. */
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.turbo'])

/** One file of a pack: its path relative to the pack root (with `/`), and its SHA-256 in hex. */
export interface PackFile {
  path: string
  sha256: string
}

/**
 * Every file of the pack at `dir`, sorted by path, with its SHA-256. Skips `node_modules`,
 * `.git`, `.turbo` and the root `SIGNATURE`. A symbolic link, or a name holding a control
 * character, is refused: the file list must say exactly what runs.
 *
 * @throws VeritrailError `validation_failed` for a link or an unusable file name.
 */
export function packFiles(dir: string): PackFile[] {
  const files: PackFile[] = []
  walk(dir, '', files)
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}

function walk(root: string, prefix: string, files: PackFile[]): void {
  for (const name of readdirSync(join(root, prefix))) {
    const path = prefix === '' ? name : `${prefix}/${name}`
    if (/[\u0000-\u001f\u007f]/.test(name) || !name.isWellFormed()) {
      throw new VeritrailError(
        'validation_failed',
        `The pack holds a file whose name has control characters: ${JSON.stringify(path)}. Rename it.`,
      )
    }
    const stat = lstatSync(join(root, path))
    if (stat.isSymbolicLink()) {
      throw new VeritrailError(
        'validation_failed',
        `The pack holds a symbolic link, ${path}; packs must hold plain files only.`,
      )
    }
    if (stat.isDirectory()) {
      if (!SKIPPED_DIRS.has(name)) walk(root, path, files)
    } else if (stat.isFile() && path !== SIGNATURE_FILE) {
      files.push({
        path,
        sha256: createHash('sha256')
          .update(readFileSync(join(root, path)))
          .digest('hex'),
      })
    }
  }
}
