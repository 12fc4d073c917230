import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import type { Trail } from '../../ledger/entry.js'
import type { HashedPage } from '../types.js'
import { createNativeGuard, stopWorker } from '../../worker/native-guard.js'

/** Sequence numbers per page a worker reads and hashes. */
const PAGE = 8192

// CommonJS, evaluated in each worker: a read-only connection of its own, node:crypto, nothing else.
// Driver calls are guarded as in native-guard.ts (the same protocol, inlined: this code is eval'd).
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads')
const { createHash } = require('node:crypto')
const guard = new Int32Array(workerData.guard)
function native(call) {
  Atomics.add(guard, 1, 1)
  if (Atomics.load(guard, 0) !== 0) { Atomics.sub(guard, 1, 1); for (;;) Atomics.wait(guard, 0, 1) }
  try { return call() } finally { Atomics.sub(guard, 1, 1) }
}
const Database = require(workerData.driver)
const db = native(() => new Database(workerData.file, { readonly: true, fileMustExist: true }))
native(() => db.exec('PRAGMA query_only=ON'))
const first = native(() => db.prepare('SELECT seq, CAST(bytes AS BLOB), leaf_hash FROM entries WHERE trail = ? AND seq <= ? ORDER BY seq, id').raw(true))
const range = native(() => db.prepare('SELECT seq, CAST(bytes AS BLOB), leaf_hash FROM entries WHERE trail = ? AND seq > ? AND seq <= ? ORDER BY seq, id').raw(true))
const LEAF = Buffer.from([0])
parentPort.on('message', ({ id, trail, from, to, close }) => {
  if (close) {
    native(() => db.close())
    parentPort.close()
    return
  }
  try {
    const rows = native(() => (from === 0 ? first.all([trail, to]) : range.all([trail, from, to])))
    const n = rows.length
    const seqs = new Float64Array(n)
    const leaves = new Uint8Array(n * 32)
    const checks = new Uint8Array(n)
    for (let i = 0; i < n; i++) {
      // The UTF-8 bytes as stored, never decoded to a string and encoded again.
      const [seq, bytes, stored] = rows[i]
      const leaf = createHash('sha256').update(LEAF).update(bytes).digest()
      leaves.set(leaf, i * 32)
      seqs[i] = Number(seq)
      const leafOk = stored instanceof Uint8Array && stored.length === 32 && leaf.equals(stored)
      const placeOk = bytes.includes('"seq":' + seqs[i] + ',') && bytes.includes('"trail":"' + trail + '"')
      checks[i] = (leafOk ? 1 : 0) | (placeOk ? 2 : 0)
    }
    parentPort.postMessage({ id, seqs, leaves, checks }, [seqs.buffer, leaves.buffer, checks.buffer])
  } catch (error) {
    parentPort.postMessage({ id, error: String((error && error.message) || error) })
  }
})`

/**
 * `verify`'s hot loop on every core: worker threads, each on its own read-only connection to the
 * database file, read pages of a trail by sequence-number range, hash every entry's bytes and
 * check its stored leaf hash and its place, and send back only sequence numbers, leaf hashes and
 * the outcome of those checks (ARCHITECTURE §5: long work in worker threads). The pages arrive in
 * order; rows with the same `seq` (a tampered database) come in storage order, as in `scanEntries`.
 */
export function hashedScan(file: string, workers = 2): { pages(trail: Trail, maxSeq: number): AsyncIterable<HashedPage>; close(): Promise<void> } {
  const driver = createRequire(import.meta.url).resolve('libsql')
  const guards = Array.from({ length: workers }, () => createNativeGuard())
  const pool = guards.map((guard) => new Worker(WORKER, { eval: true, env: {}, workerData: { driver, file, guard } }))
  const pending = new Map<number, { resolve: (page: HashedPage) => void; reject: (e: unknown) => void }>()
  let next = 0
  const fail = (error: unknown) => {
    for (const p of pending.values()) p.reject(error)
    pending.clear()
  }
  for (const w of pool) {
    w.on('message', (m: { id: number; error?: string } & HashedPage) => {
      const p = pending.get(m.id)
      pending.delete(m.id)
      if (m.error !== undefined) p?.reject(new Error(m.error))
      else p?.resolve({ seqs: m.seqs, leaves: m.leaves, checks: m.checks })
    })
    w.on('error', fail)
  }
  const request = (trail: Trail, from: number, to: number) => {
    const id = next++
    return new Promise<HashedPage>((resolve, reject) => {
      pending.set(id, { resolve, reject })
      pool[id % pool.length]!.postMessage({ id, trail, from, to })
    })
  }
  return {
    async *pages(trail, maxSeq) {
      const ahead: Promise<HashedPage>[] = []
      let from = 0
      const fill = () => {
        while (ahead.length < workers * 2 && from < maxSeq) {
          const to = Math.min(maxSeq, from + PAGE)
          const page = request(trail, from, to)
          page.catch(() => undefined)
          ahead.push(page)
          from = to
        }
      }
      fill()
      while (ahead.length > 0) {
        const page = await ahead.shift()!
        fill()
        yield page
      }
    },
    /**
     * Lets each worker finish the pages it was asked for (a reader that stopped early leaves some
     * in flight), close its connection and exit; one that does not within 5 s is stopped.
     */
    async close() {
      await Promise.all(
        pool.map(async (w, i) => {
          if (w.threadId === -1) return // already gone
          const exited = new Promise<void>((resolve) => w.once('exit', () => resolve()))
          w.postMessage({ close: true })
          let timer: NodeJS.Timeout | undefined
          const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), 5_000)))
          if ((await Promise.race([exited, late])) === 'late') await stopWorker(w, guards[i]!)
          clearTimeout(timer)
        }),
      )
    },
  }
}
