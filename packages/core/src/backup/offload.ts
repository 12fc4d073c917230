import { backupWorkers } from './worker-pool.js'

/** Below this much data, work runs in this thread: a worker's start costs more than it saves. */
export const OFFLOAD_BYTES = 16 * 1024 * 1024

/**
 * Runs `module[fn](...args)` in one of the backup worker threads when it touches `bytes` of data or more
 * (ARCHITECTURE §5: long work never stalls the event loop), in this thread otherwise.
 */
export async function offload<T>(
  bytes: number,
  module: URL,
  fn: string,
  args: unknown[],
): Promise<T> {
  if (bytes >= OFFLOAD_BYTES) return backupWorkers.run<T>(module, fn, args)
  const mod = (await import(module.href)) as Record<string, (...a: unknown[]) => T | Promise<T>>
  return mod[fn]!(...args)
}
