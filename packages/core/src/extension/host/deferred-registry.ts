import type { RecordTypeRegistry } from '../record-type.js'

/** A record-type registry whose source is attached later (see `deferredRegistry`). */
export interface DeferredRegistry extends RecordTypeRegistry {
  attach(target: RecordTypeRegistry): void
}

/**
 * Breaks the start-up cycle between `openCore` (which takes a registry) and `openPluginHost`
 * (which needs the core): pass this to `openCore`, then attach the host's registry. Until then
 * it knows the types of `fallback` only.
 *
 * @example
 * const registry = deferredRegistry()
 * const core = await openCore({ dataDir, registry })
 * registry.attach((await openPluginHost({ core })).registry)
 */
export function deferredRegistry(
  fallback: RecordTypeRegistry = { get: () => undefined, list: () => [] },
): DeferredRegistry {
  let target = fallback
  return {
    attach: (next) => void (target = next),
    get: (id) => target.get(id),
    list: () => target.list(),
  }
}
