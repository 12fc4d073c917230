import { existsSync } from 'node:fs'
import { join, relative, resolve, sep } from 'node:path'
import { VeritrailError } from '../../errors.js'
import type { PluginManifest } from '../manifest.js'

/**
 * The file `activate` is imported from: package.json `exports["."]` (a path or a conditions
 * object: `development` first when `sources` is set, then `import`, then `default`), else
 * `main`, else `index.js`. It must exist inside the pack; a third-party entry must be JavaScript.
 *
 * @throws VeritrailError `plugin_error` when there is no usable entry.
 */
export function resolveEntry(
  dir: string,
  manifest: PluginManifest,
  options: { sources: boolean; javascriptOnly: boolean },
): string {
  const conditions = [...(options.sources ? ['development'] : []), 'import', 'default']
  const fromExports = pick(manifest.exports, conditions)
  const relativePath = fromExports ?? manifest.main ?? 'index.js'
  const file = resolve(dir, relativePath)
  const inside = relative(dir, file)
  if (inside.startsWith('..') || inside.startsWith(sep) || inside === '') {
    throw new VeritrailError('plugin_error', `The entry ${relativePath} lies outside the pack.`)
  }
  if (!existsSync(file)) {
    throw new VeritrailError(
      'plugin_error',
      `The entry file ${join(dir, inside)} is missing; build the plugin or fix "exports"/"main" in package.json.`,
    )
  }
  if (options.javascriptOnly && !/\.(m?js)$/.test(file)) {
    throw new VeritrailError(
      'plugin_error',
      `The entry ${inside} is not JavaScript; third-party packs ship built .js files.`,
    )
  }
  return file
}

function pick(exports: unknown, conditions: string[]): string | undefined {
  if (typeof exports === 'string') return exports
  if (typeof exports !== 'object' || exports === null) return undefined
  const map = exports as Record<string, unknown>
  if ('.' in map) return pick(map['.'], conditions)
  for (const condition of conditions) {
    const found = pick(map[condition], conditions)
    if (found) return found
  }
  return undefined
}
