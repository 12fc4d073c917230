import { Worker } from 'node:worker_threads'
import { hashLeaf } from './merkle.js'

/** Computes RFC 6962 leaf hashes of many entries at once: 32 bytes per entry, in order. */
export interface LeafHasher {
  hash(bytes: readonly string[]): Promise<Uint8Array>
  close(): Promise<void>
}

/** Hashes on the calling thread. */
export function inlineHasher(): LeafHasher {
  return {
    async hash(bytes) {
      const out = new Uint8Array(bytes.length * 32)
      bytes.forEach((b, i) => out.set(hashLeaf(Buffer.from(b, 'utf8')), i * 32))
      return out
    },
    async close() {},
  }
}

// CommonJS, evaluated in each worker: it needs nothing but node:crypto.
const WORKER = `
const { parentPort } = require('node:worker_threads')
const { createHash } = require('node:crypto')
const LEAF = Buffer.from([0])
parentPort.on('message', ({ id, bytes }) => {
  const out = new Uint8Array(bytes.length * 32)
  for (let i = 0; i < bytes.length; i++) {
    const h = createHash('sha256')
    h.update(LEAF)
    h.update(bytes[i], 'utf8')
    out.set(h.digest(), i * 32)
  }
  parentPort.postMessage({ id, out }, [out.buffer])
})`

/**
 * Hashes in a pool of worker threads, so a full verify uses every core: the main thread reads
 * pages and builds the tree while the workers hash the next pages (leaf hashing dominates).
 */
export function workerHasher(size = 2): LeafHasher {
  const workers = Array.from({ length: size }, () => new Worker(WORKER, { eval: true, env: {} }))
  const pending = new Map<number, { resolve: (out: Uint8Array) => void; reject: (e: unknown) => void }>()
  let next = 0
  for (const w of workers) {
    w.on('message', ({ id, out }: { id: number; out: Uint8Array }) => {
      pending.get(id)?.resolve(out)
      pending.delete(id)
    })
    w.on('error', (error) => {
      for (const p of pending.values()) p.reject(error)
      pending.clear()
    })
  }
  return {
    hash(bytes) {
      const id = next++
      return new Promise<Uint8Array>((resolve, reject) => {
        pending.set(id, { resolve, reject })
        workers[id % workers.length]!.postMessage({ id, bytes })
      })
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()))
    },
  }
}
