import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { VeritrailError } from './errors.js'
import { readVerifierKeys } from './ledger/keys.js'
import { workerHasher } from './ledger/leaf-hasher.js'
import { parseVerifierKey } from './ledger/note-keys.js'
import type { VerifierKey } from './ledger/note.js'
import { verifyLedger, type VerifyReport } from './ledger/verify.js'
import { connectReadOnly, databaseFile } from './store/libsql/connect.js'
import { hashedScan } from './store/libsql/hashed-scan.js'
import type { LedgerScan } from './store/types.js'
import { libsqlScan } from './store/libsql/scan.js'
import { LibsqlReads } from './store/libsql/reads.js'
import { TRAILS } from './ledger/entry.js'

export interface VerifyDataOptions {
  dataDir: string
  dbUrl?: string
  /** Path of a file of signed checkpoints kept outside the system. */
  checkpointFile?: string
  /** Verifier key strings obtained out of band; default: the keys in `<dataDir>/keys/`. */
  keys?: string[]
  deep?: boolean
  onProgress?: (checked: number) => void
}

/**
 * `veritrail verify`: checks a data directory's trails read-only (nothing is migrated or
 * written). Throws `unreadable` when the database, the keys or the checkpoint file cannot be
 * read; otherwise returns the report, intact or not.
 */
export async function verifyDataDir(options: VerifyDataOptions): Promise<VerifyReport & { verifiers: VerifierKey[] }> {
  const dataDir = resolve(options.dataDir)
  const client = await connectReadOnly(options.dbUrl ?? `file:${join(dataDir, 'veritrail.db')}`)
  let verifiers: VerifierKey[]
  let external: string[]
  try {
    verifiers = options.keys ? options.keys.map((k) => parseVerifierKey(k)) : readVerifierKeys(join(dataDir, 'keys'))
    if (verifiers.length === 0) {
      throw new VeritrailError('unreadable', `No checkpoint verifier key in ${join(dataDir, 'keys')}; pass the published key with --key.`)
    }
    external = options.checkpointFile ? readCheckpointFile(options.checkpointFile) : []
  } catch (error) {
    client.close()
    throw error
  }
  const hasher = workerHasher()
  const file = databaseFile(options.dbUrl ?? `file:${join(dataDir, 'veritrail.db')}`)
  const workers = file !== undefined ? hashedScan(file) : undefined
  const scan: LedgerScan = { ...libsqlScan(client) }
  if (workers) {
    scan.hashedPages = async (trail) => {
      const rs = await client.execute({ sql: 'SELECT count(*), coalesce(max(seq), 0) FROM entries WHERE trail = ?', args: [trail] })
      const [count, maxSeq] = [Number(rs.rows[0]![0]), Number(rs.rows[0]![1])]
      // Pages are seq ranges: a forged huge seq would make millions of empty ones, so a trail
      // whose numbering runs far past its row count takes the plain scan (which reports it).
      return maxSeq <= 2 * count + 100_000 ? workers.pages(trail, maxSeq) : undefined
    }
  }
  try {
    const report = await verifyLedger(scan, {
      verifiers,
      external,
      deep: options.deep ?? false,
      hasher,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    })
    return { ...report, verifiers }
  } finally {
    client.close()
    await hasher.close()
    await workers?.close()
  }
}

/** Splits a file of signed notes (as `veritrail checkpoint` prints them) into notes. */
export function readCheckpointFile(path: string): string[] {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw new VeritrailError('unreadable', `Cannot read the checkpoint file ${path}: ${(error as Error).message}`)
  }
  const notes = splitNotes(text)
  if (notes.length === 0) throw new VeritrailError('unreadable', `${path} holds no signed checkpoint.`)
  return notes
}

/**
 * A signed note is its text, a blank line and signature lines starting with "— "; several notes
 * in one file are separated by blank lines.
 */
export function splitNotes(text: string): string[] {
  const notes: string[] = []
  const lines = text.replace(/\r\n/g, '\n').split('\n')
  let current: string[] = []
  let inSigs = false
  for (const line of lines) {
    if (line.startsWith('\u2014 ')) {
      inSigs = true
      current.push(line)
      continue
    }
    if (inSigs) {
      notes.push(current.join('\n') + '\n')
      current = []
      inSigs = false
    }
    if (line === '' && current.length === 0) continue
    current.push(line)
  }
  if (inSigs) notes.push(current.join('\n') + '\n')
  return notes
}

/** The latest stored signed checkpoint of each trail (read-only), for `veritrail checkpoint`. */
export async function latestCheckpoints(options: { dataDir: string; dbUrl?: string }): Promise<{ trail: string; size: number; note: string }[]> {
  const client = await connectReadOnly(options.dbUrl ?? `file:${join(resolve(options.dataDir), 'veritrail.db')}`)
  try {
    const reads = new LibsqlReads(client)
    const out: { trail: string; size: number; note: string }[] = []
    for (const trail of TRAILS) {
      const row = await reads.latestCheckpoint(trail)
      if (row) out.push({ trail, size: row.size, note: row.note })
    }
    return out
  } finally {
    client.close()
  }
}
