import { existsSync } from 'node:fs'
import { VeritrailError } from '../../errors.js'
import { LocalConnection } from './local-connection.js'

/**
 * The plain SQLite file inside a record archive package (R-AR-05): a rollback-journal database
 * with ordinary tables only — no WAL, no FTS, no extension — so any SQLite of the coming decades
 * opens it. Entries keep their exact hashed bytes; proofs and checkpoints travel with them.
 */
export interface ArchiveContent {
  meta: Record<string, string>
  recordTypes: { id: string; version: string; definition: string }[]
  versions: {
    recordType: string
    recordId: string
    version: number
    typeVersion: string
    data: string | null
    deleted: boolean
    seq: number
    ts: string
    actorId: string
  }[]
  entries: {
    seq: number
    bytes: string
    leafHash: string
    ts: string
    action: string
    recordType: string | null
    recordId: string | null
  }[]
  proofs: { seq: number; treeSize: number; hashes: string }[]
  signatures: {
    id: string
    recordType: string
    recordId: string
    recordVersion: number
    meaning: string
    recordHash: string
    signerUsername: string
    signerName: string
    ts: string
    tz: string
    seq: number
    withdrawnTs: string | null
    withdrawnReason: string | null
  }[]
}

const SCHEMA = [
  'CREATE TABLE archive (key TEXT PRIMARY KEY, value TEXT NOT NULL)',
  'CREATE TABLE record_types (id TEXT NOT NULL, version TEXT NOT NULL, definition TEXT NOT NULL, PRIMARY KEY (id, version))',
  'CREATE TABLE record_versions (record_type TEXT NOT NULL, record_id TEXT NOT NULL, version INTEGER NOT NULL, type_version TEXT NOT NULL, data TEXT, deleted INTEGER NOT NULL, seq INTEGER NOT NULL, ts TEXT NOT NULL, actor_id TEXT NOT NULL, PRIMARY KEY (record_type, record_id, version))',
  'CREATE TABLE entries (seq INTEGER PRIMARY KEY, bytes TEXT NOT NULL, leaf_hash TEXT NOT NULL, ts TEXT NOT NULL, action TEXT NOT NULL, record_type TEXT, record_id TEXT)',
  'CREATE TABLE proofs (seq INTEGER PRIMARY KEY, tree_size INTEGER NOT NULL, hashes TEXT NOT NULL)',
  'CREATE TABLE signatures (id TEXT PRIMARY KEY, record_type TEXT NOT NULL, record_id TEXT NOT NULL, record_version INTEGER NOT NULL, meaning TEXT NOT NULL, record_hash TEXT NOT NULL, signer_username TEXT NOT NULL, signer_name TEXT NOT NULL, ts TEXT NOT NULL, tz TEXT NOT NULL, seq INTEGER NOT NULL, withdrawn_ts TEXT, withdrawn_reason TEXT)',
]

/** Writes `content` into a new SQLite file at `file` (journal_mode DELETE). */
export function writeArchiveDatabase(file: string, content: ArchiveContent): void {
  if (existsSync(file)) throw new VeritrailError('conflict', `${file} exists.`)
  const db = new LocalConnection(file)
  try {
    db.executeSync('PRAGMA journal_mode=DELETE')
    db.executeSync('BEGIN')
    for (const sql of SCHEMA) db.executeSync(sql)
    const insert = (sql: string, rows: (string | number | null)[][]) => {
      for (const args of rows) db.executeSync({ sql, args })
    }
    insert('INSERT INTO archive (key, value) VALUES (?, ?)', Object.entries(content.meta))
    insert(
      'INSERT INTO record_types (id, version, definition) VALUES (?, ?, ?)',
      content.recordTypes.map((t) => [t.id, t.version, t.definition]),
    )
    insert(
      'INSERT INTO record_versions (record_type, record_id, version, type_version, data, deleted, seq, ts, actor_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      content.versions.map((v) => [
        v.recordType,
        v.recordId,
        v.version,
        v.typeVersion,
        v.data,
        v.deleted ? 1 : 0,
        v.seq,
        v.ts,
        v.actorId,
      ]),
    )
    insert(
      'INSERT INTO entries (seq, bytes, leaf_hash, ts, action, record_type, record_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
      content.entries.map((e) => [
        e.seq,
        e.bytes,
        e.leafHash,
        e.ts,
        e.action,
        e.recordType,
        e.recordId,
      ]),
    )
    insert(
      'INSERT INTO proofs (seq, tree_size, hashes) VALUES (?, ?, ?)',
      content.proofs.map((p) => [p.seq, p.treeSize, p.hashes]),
    )
    insert(
      'INSERT INTO signatures (id, record_type, record_id, record_version, meaning, record_hash, signer_username, signer_name, ts, tz, seq, withdrawn_ts, withdrawn_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      content.signatures.map((s) => [
        s.id,
        s.recordType,
        s.recordId,
        s.recordVersion,
        s.meaning,
        s.recordHash,
        s.signerUsername,
        s.signerName,
        s.ts,
        s.tz,
        s.seq,
        s.withdrawnTs,
        s.withdrawnReason,
      ]),
    )
    db.executeSync('COMMIT')
  } finally {
    db.close()
  }
}

/** Reads an archive database read-only; `unreadable` when it is not one. */
export function readArchiveDatabase(file: string): ArchiveContent {
  if (!existsSync(file))
    throw new VeritrailError('unreadable', `There is no archive database at ${file}.`)
  const db = new LocalConnection(file, { readonly: true })
  try {
    const rows = (sql: string) => db.executeSync(sql).rows
    return {
      meta: Object.fromEntries(
        rows('SELECT key, value FROM archive').map((r) => [String(r[0]), String(r[1])]),
      ),
      recordTypes: rows(
        'SELECT id, version, definition FROM record_types ORDER BY id, version',
      ).map((r) => ({ id: String(r[0]), version: String(r[1]), definition: String(r[2]) })),
      versions: rows(
        'SELECT record_type, record_id, version, type_version, data, deleted, seq, ts, actor_id FROM record_versions ORDER BY record_type, record_id, version',
      ).map((r) => ({
        recordType: String(r[0]),
        recordId: String(r[1]),
        version: Number(r[2]),
        typeVersion: String(r[3]),
        data: r[4] === null ? null : String(r[4]),
        deleted: Number(r[5]) === 1,
        seq: Number(r[6]),
        ts: String(r[7]),
        actorId: String(r[8]),
      })),
      entries: rows(
        'SELECT seq, bytes, leaf_hash, ts, action, record_type, record_id FROM entries ORDER BY seq',
      ).map((r) => ({
        seq: Number(r[0]),
        bytes: String(r[1]),
        leafHash: String(r[2]),
        ts: String(r[3]),
        action: String(r[4]),
        recordType: r[5] === null ? null : String(r[5]),
        recordId: r[6] === null ? null : String(r[6]),
      })),
      proofs: rows('SELECT seq, tree_size, hashes FROM proofs ORDER BY seq').map((r) => ({
        seq: Number(r[0]),
        treeSize: Number(r[1]),
        hashes: String(r[2]),
      })),
      signatures: rows(
        'SELECT id, record_type, record_id, record_version, meaning, record_hash, signer_username, signer_name, ts, tz, seq, withdrawn_ts, withdrawn_reason FROM signatures ORDER BY seq',
      ).map((r) => ({
        id: String(r[0]),
        recordType: String(r[1]),
        recordId: String(r[2]),
        recordVersion: Number(r[3]),
        meaning: String(r[4]),
        recordHash: String(r[5]),
        signerUsername: String(r[6]),
        signerName: String(r[7]),
        ts: String(r[8]),
        tz: String(r[9]),
        seq: Number(r[10]),
        withdrawnTs: r[11] === null ? null : String(r[11]),
        withdrawnReason: r[12] === null ? null : String(r[12]),
      })),
    }
  } catch (error) {
    throw new VeritrailError(
      'unreadable',
      `${file} is not a Veritrail archive database: ${(error as Error).message}`,
    )
  } finally {
    db.close()
  }
}
