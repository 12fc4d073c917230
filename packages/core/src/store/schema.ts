import { sql } from 'drizzle-orm'
import { blob, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'

// ---------------------------------------------------------------------------------------------
// Evidence: append-only. Triggers (migration 0001) reject UPDATE and DELETE on every table here.
// ---------------------------------------------------------------------------------------------

/** This installation's identity; a restore to an older point adds a new epoch row. */
export const installs = sqliteTable('installs', {
  epoch: integer('epoch').primaryKey(),
  installId: text('install_id').notNull(),
  ts: text('ts').notNull(),
  cites: text('cites'),
})

/**
 * Audit entries. `bytes` is the RFC 8785 canonical JSON exactly as hashed; every other column is
 * a query index derived from it (`verify --deep` checks they agree).
 */
export const entries = sqliteTable(
  'entries',
  {
    id: integer('id').primaryKey(),
    trail: text('trail', { enum: ['data', 'system'] }).notNull(),
    seq: integer('seq').notNull(),
    bytes: text('bytes').notNull(),
    leafHash: blob('leaf_hash', { mode: 'buffer' }).notNull(),
    ts: text('ts').notNull(),
    action: text('action').notNull(),
    actorId: text('actor_id').notNull(),
    recordType: text('record_type'),
    recordId: text('record_id'),
    correlationId: text('correlation_id').notNull(),
  },
  (t) => [
    uniqueIndex('entries_trail_seq').on(t.trail, t.seq),
    index('entries_record').on(t.recordType, t.recordId, t.seq),
    index('entries_actor').on(t.actorId, t.trail, t.seq),
    index('entries_action').on(t.action, t.trail, t.seq),
    index('entries_ts').on(t.trail, t.ts),
  ],
)

/** Every perfect-subtree hash at level ≥ 1 (level 0 is `entries.leaf_hash`). */
export const treeNodes = sqliteTable(
  'tree_nodes',
  {
    trail: text('trail', { enum: ['data', 'system'] }).notNull(),
    level: integer('level').notNull(),
    idx: integer('idx').notNull(),
    hash: blob('hash', { mode: 'buffer' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.trail, t.level, t.idx] })],
)

/** Signed checkpoints (C2SP tlog-checkpoint as an Ed25519 signed note). */
export const checkpoints = sqliteTable(
  'checkpoints',
  {
    id: integer('id').primaryKey(),
    trail: text('trail', { enum: ['data', 'system'] }).notNull(),
    origin: text('origin').notNull(),
    size: integer('size').notNull(),
    rootHash: blob('root_hash', { mode: 'buffer' }).notNull(),
    keyId: text('key_id').notNull(),
    note: text('note').notNull(),
    ts: text('ts').notNull(),
  },
  (t) => [uniqueIndex('checkpoints_trail_size').on(t.trail, t.origin, t.size)],
)

/** Record-type definitions as first used, kept so records stay legible after a plugin changes. */
export const recordTypes = sqliteTable(
  'record_types',
  {
    id: text('id').notNull(),
    version: text('version').notNull(),
    definition: text('definition').notNull(),
    sha256: text('sha256').notNull(),
    ts: text('ts').notNull(),
  },
  (t) => [primaryKey({ columns: [t.id, t.version] })],
)

/** Every version of every record; a delete is a tombstone version (`deleted = 1`, no data). */
export const recordVersions = sqliteTable(
  'record_versions',
  {
    recordType: text('record_type').notNull(),
    recordId: text('record_id').notNull(),
    version: integer('version').notNull(),
    typeVersion: text('type_version').notNull(),
    data: text('data'),
    deleted: integer('deleted', { mode: 'boolean' }).notNull(),
    seq: integer('seq').notNull(),
    ts: text('ts').notNull(),
    actorId: text('actor_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.recordType, t.recordId, t.version] }),
    index('record_versions_seq').on(t.seq),
  ],
)

// ---------------------------------------------------------------------------------------------
// Operational: the ONLY mutable tables (ARCHITECTURE §2.1). None of them is evidence.
// ---------------------------------------------------------------------------------------------

/** Job status of long work (verify, export, backup): mutable progress, evidence lives in trails. */
export const jobs = sqliteTable('jobs', {
  id: text('id').primaryKey(),
  kind: text('kind').notNull(),
  status: text('status').notNull(),
  progress: integer('progress').notNull().default(0),
  total: integer('total'),
  result: text('result'),
  startedAt: text('started_at').notNull(),
  updatedAt: text('updated_at').notNull().default(sql`''`),
})

/** Table names by kind; the write-path test and the trigger migration both read this list. */
export const APPEND_ONLY_TABLES = [
  'installs',
  'entries',
  'tree_nodes',
  'checkpoints',
  'record_types',
  'record_versions',
] as const
export const OPERATIONAL_TABLES = ['jobs'] as const
