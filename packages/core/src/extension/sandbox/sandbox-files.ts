import { createRequire } from 'node:module'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

// The `.mjs` entries live in src/ (the build copies no JavaScript); `files` ships src, and this
// path resolves the same from src/extension/sandbox and dist/extension/sandbox.
const PACKAGE_ROOT = fileURLToPath(new URL('../../../', import.meta.url))

/** The folder holding the sandbox entries and runtime (readable by sandboxed processes). */
export const SANDBOX_DIR = join(PACKAGE_ROOT, 'src', 'extension', 'sandbox')
/** The entry of a third-party sandbox process. */
export const PROCESS_ENTRY = join(SANDBOX_DIR, 'process-entry.mjs')
/** The entry of a first-party sandbox worker. */
export const WORKER_ENTRY = join(SANDBOX_DIR, 'worker-entry.mjs')

/** comlink's self-contained ESM build, the one file of it a sandbox reads. */
export const COMLINK_FILE = createRequire(import.meta.url).resolve('comlink/dist/esm/comlink.mjs')

/**
 * The repository's dev loader (tsx + the `development` condition) when the core itself runs
 * from TypeScript sources, so first-party plugins can run from theirs in a worker; else null.
 */
export function devLoaderUrl(): string | null {
  if (!import.meta.url.endsWith('.ts')) return null
  const loader = join(PACKAGE_ROOT, '..', '..', 'scripts', 'dev-loader.mjs')
  return existsSync(loader) ? pathToFileURL(loader).href : null
}
