import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import type { Trail } from '../../ledger/entry.js'
import type { HashedPage } from '../types.js'

/** Sequence numbers per page a worker reads and hashes. */
const PAGE = 8192

// CommonJS, evaluated in each worker: a read-only connection of its own, node:crypto, nothing else.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads')
const { createHash } = require('node:crypto')
const Database = require(workerData.driver)
const db = new Database(workerData.file, { readonly: true, fileMustExist: true })
db.exec('PRAGMA query_only=ON')
const first = db.prepare('SELECT seq, CAST(bytes AS BLOB), leaf_hash FROM entries WHERE trail = ? AND seq <= ? ORDER BY seq, id').raw(true)
const range = db.prepare('SELECT seq, CAST(bytes AS BLOB), leaf_hash FROM entries WHERE trail = ? AND seq > ? AND seq <= ? ORDER BY seq, id').raw(true)
const LEAF = Buffer.from([0])
parentPort.on('message', ({ id, trail, from, to }) => {
  try {
    const rows = from === 0 ? first.all([trail, to]) : range.all([trail, from, to])
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
  const pool = Array.from({ length: workers }, () => new Worker(WORKER, { eval: true, env: {}, workerData: { driver, file } }))
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
    async close() {
      await Promise.all(pool.map((w) => w.terminate()))
    },
  }
}
