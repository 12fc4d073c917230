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
    leafHash: blob('leaf_hash', { mode: 'buffer' }).$type<Uint8Array>().notNull(),
    ts: text('ts').notNull(),
    action: text('action').notNull(),
    actorId: text('actor_id').notNull(),
    recordType: text('record_type'),
    recordId: text('record_id'),
    correlationId: text('correlation_id').notNull(),
  },
  (t) => [
    uniqueIndex('entries_trail_seq').on(t.trail, t.seq),
    // SQLite appends the rowid (id) to every index, so these serve `ORDER BY id` pagination.
    index('entries_record_id').on(t.recordType, t.recordId, t.trail, t.seq),
    index('entries_actor_id').on(t.actorId, t.trail),
    index('entries_action_id').on(t.action, t.trail),
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
    hash: blob('hash', { mode: 'buffer' }).$type<Uint8Array>().notNull(),
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
    rootHash: blob('root_hash', { mode: 'buffer' }).$type<Uint8Array>().notNull(),
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

/** Accounts: a user name is taken forever (R-AC-03); everything else lives in versions. */
export const accounts = sqliteTable('accounts', {
  id: text('id').primaryKey(),
  username: text('username').notNull().unique(),
  kind: text('kind', { enum: ['person', 'integration', 'system'] }).notNull(),
  ts: text('ts').notNull(),
})

/**
 * Every state an account has been in: display name, roles (JSON array), status, password hash
 * (argon2id PHC string; earlier versions are the password history), second factor. Role history
 * (R-AC-05) is this table read in order.
 */
export const accountVersions = sqliteTable(
  'account_versions',
  {
    accountId: text('account_id').notNull(),
    version: integer('version').notNull(),
    displayName: text('display_name').notNull(),
    roles: text('roles').notNull(),
    status: text('status', { enum: ['active', 'disabled'] }).notNull(),
    passwordHash: text('password_hash'),
    passwordSetTs: text('password_set_ts'),
    mustChangePassword: integer('must_change_password', { mode: 'boolean' }).notNull(),
    totpSecret: text('totp_secret'),
    signatureAcceptedTs: text('signature_accepted_ts'),
    seq: integer('seq').notNull(),
    ts: text('ts').notNull(),
    actorId: text('actor_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.version] })],
)

/** API tokens of integration accounts, stored as SHA-256 of the secret (shown once). */
export const apiTokens = sqliteTable('api_tokens', {
  id: text('id').primaryKey(),
  accountId: text('account_id').notNull(),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  seq: integer('seq').notNull(),
  ts: text('ts').notNull(),
})

export const apiTokenRevocations = sqliteTable('api_token_revocations', {
  tokenId: text('token_id').primaryKey(),
  seq: integer('seq').notNull(),
  ts: text('ts').notNull(),
})

/** Settings: each change stores the whole new settings object (old values are the previous row). */
export const settingsVersions = sqliteTable('settings_versions', {
  version: integer('version').primaryKey(),
  settings: text('settings').notNull(),
  seq: integer('seq').notNull(),
  ts: text('ts').notNull(),
  actorId: text('actor_id').notNull(),
})

/** Content-addressed attachments; the bytes live below VERITRAIL_DATA/attachments/. */
export const attachments = sqliteTable('attachments', {
  sha256: text('sha256').primaryKey(),
  size: integer('size').notNull(),
  mediaType: text('media_type').notNull(),
  filename: text('filename'),
  seq: integer('seq').notNull(),
  ts: text('ts').notNull(),
  actorId: text('actor_id').notNull(),
})

/** Plugin lifecycle: install, trust, enable, disable, upgrade (state = latest event per plugin). */
export const pluginEvents = sqliteTable(
  'plugin_events',
  {
    id: integer('id').primaryKey(),
    pluginId: text('plugin_id').notNull(),
    version: text('version').notNull(),
    event: text('event', { enum: ['install', 'trust', 'untrust', 'enable', 'disable', 'upgrade'] }).notNull(),
    manifestHash: text('manifest_hash').notNull(),
    publisherKey: text('publisher_key'),
    seq: integer('seq').notNull(),
    ts: text('ts').notNull(),
  },
  (t) => [index('plugin_events_plugin').on(t.pluginId, t.id)],
)

/** Publisher keys an administrator trusts for signed plugin packs (`removed` rows end trust). */
export const publisherKeys = sqliteTable('publisher_keys', {
  id: integer('id').primaryKey(),
  keyId: text('key_id').notNull(),
  verifierKey: text('verifier_key').notNull(),
  name: text('name').notNull(),
  event: text('event', { enum: ['add', 'remove'] }).notNull(),
  seq: integer('seq').notNull(),
  ts: text('ts').notNull(),
})

/** Electronic signatures (Part 11 §11.50): bound to a record version by its content hash. */
export const signatures = sqliteTable(
  'signatures',
  {
    id: text('id').primaryKey(),
    recordType: text('record_type').notNull(),
    recordId: text('record_id').notNull(),
    recordVersion: integer('record_version').notNull(),
    recordHash: text('record_hash').notNull(),
    meaning: text('meaning').notNull(),
    signerId: text('signer_id').notNull(),
    signerUsername: text('signer_username').notNull(),
    signerName: text('signer_name').notNull(),
    signerRole: text('signer_role').notNull(),
    ts: text('ts').notNull(),
    tz: text('tz').notNull(),
    seq: integer('seq').notNull(),
  },
  (t) => [index('signatures_record').on(t.recordType, t.recordId, t.recordVersion)],
)

/** Withdrawal of a signature: a new fact with a reason; the signature row stays (R-ES-04). */
export const signatureWithdrawals = sqliteTable('signature_withdrawals', {
  signatureId: text('signature_id').primaryKey(),
  reason: text('reason').notNull(),
  actorId: text('actor_id').notNull(),
  seq: integer('seq').notNull(),
  ts: text('ts').notNull(),
})

/** An audit-trail review: its scope frozen to sequence ranges when opened (CONTRACT §6). */
export const reviews = sqliteTable('reviews', {
  id: text('id').primaryKey(),
  scope: text('scope').notNull(),
  ranges: text('ranges').notNull(),
  entryCount: integer('entry_count').notNull(),
  sampleSeed: integer('sample_seed'),
  openedBy: text('opened_by').notNull(),
  seq: integer('seq').notNull(),
  ts: text('ts').notNull(),
})

/** Findings of exception rules in a review, naming the rule version and pack that produced them. */
export const reviewFindings = sqliteTable(
  'review_findings',
  {
    id: text('id').primaryKey(),
    reviewId: text('review_id').notNull(),
    trail: text('trail', { enum: ['data', 'system'] }).notNull(),
    entrySeq: integer('entry_seq').notNull(),
    ruleId: text('rule_id').notNull(),
    ruleVersion: text('rule_version').notNull(),
    pack: text('pack').notNull(),
    packHash: text('pack_hash').notNull(),
    severity: text('severity', { enum: ['info', 'warning', 'critical'] }).notNull(),
    message: text('message').notNull(),
    details: text('details'),
  },
  (t) => [index('review_findings_review').on(t.reviewId)],
)

/** A reviewer's resolution of one finding (optionally a deviation or CAPA reference). */
export const findingResolutions = sqliteTable(
  'finding_resolutions',
  {
    id: integer('id').primaryKey(),
    findingId: text('finding_id').notNull(),
    note: text('note').notNull(),
    reference: text('reference'),
    actorId: text('actor_id').notNull(),
    seq: integer('seq').notNull(),
    ts: text('ts').notNull(),
  },
  (t) => [index('finding_resolutions_finding').on(t.findingId, t.id)],
)

/** The signed conclusion of a review. */
export const reviewCompletions = sqliteTable('review_completions', {
  reviewId: text('review_id').primaryKey(),
  conclusion: text('conclusion').notNull(),
  reviewerId: text('reviewer_id').notNull(),
  signatureId: text('signature_id'),
  seq: integer('seq').notNull(),
  ts: text('ts').notNull(),
})

/** Alerts raised (security events, failed backups, failed verification); delivery is operational. */
export const alerts = sqliteTable('alerts', {
  id: text('id').primaryKey(),
  kind: text('kind').notNull(),
  severity: text('severity', { enum: ['info', 'warning', 'critical'] }).notNull(),
  message: text('message').notNull(),
  details: text('details'),
  seq: integer('seq'),
  ts: text('ts').notNull(),
})

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

/** Sessions (cookie or bearer); `last_seen` writes are throttled. */
export const sessions = sqliteTable('sessions', {
  id: text('id').primaryKey(),
  tokenHash: text('token_hash').notNull().unique(),
  accountId: text('account_id').notNull(),
  role: text('role'),
  createdAt: text('created_at').notNull(),
  lastSeenAt: text('last_seen_at').notNull(),
  endedAt: text('ended_at'),
  endReason: text('end_reason'),
  /** Part 11 §11.200: the first signing in a session needs the user name too. */
  signedOnce: integer('signed_once', { mode: 'boolean' }).notNull().default(false),
  ip: text('ip').notNull(),
  userAgent: text('user_agent').notNull(),
})

/** Replays of an ingest with the same key answer the first response and write nothing. */
export const idempotencyKeys = sqliteTable('idempotency_keys', {
  key: text('key').notNull(),
  accountId: text('account_id').notNull(),
  requestHash: text('request_hash').notNull(),
  status: integer('status').notNull(),
  response: text('response').notNull(),
  ts: text('ts').notNull(),
}, (t) => [primaryKey({ columns: [t.accountId, t.key] })])

/** Consecutive failed logins and signings per account (R-AC-09); reset by success or unlock. */
export const lockouts = sqliteTable('lockouts', {
  accountId: text('account_id').primaryKey(),
  failures: integer('failures').notNull(),
  locked: integer('locked', { mode: 'boolean' }).notNull(),
  updatedAt: text('updated_at').notNull(),
})

/** Backup catalog and status (running → completed | failed); each completion is also an entry. */
export const backups = sqliteTable('backups', {
  id: text('id').primaryKey(),
  target: text('target').notNull(),
  kind: text('kind', { enum: ['full', 'incremental'] }).notNull(),
  generation: text('generation').notNull(),
  position: integer('position').notNull(),
  status: text('status', { enum: ['running', 'completed', 'failed'] }).notNull(),
  bytes: integer('bytes'),
  sha256: text('sha256'),
  manifest: text('manifest'),
  error: text('error'),
  startedAt: text('started_at').notNull(),
  finishedAt: text('finished_at'),
})

/** Webhook delivery state of alerts (attempts, last error). */
export const alertDeliveries = sqliteTable('alert_deliveries', {
  alertId: text('alert_id').primaryKey(),
  attempts: integer('attempts').notNull(),
  deliveredAt: text('delivered_at'),
  lastError: text('last_error'),
})

/** Table names by kind; the write-path test and the trigger migration both read this list. */
export const APPEND_ONLY_TABLES = [
  'installs',
  'entries',
  'tree_nodes',
  'checkpoints',
  'record_types',
  'record_versions',
  'accounts',
  'account_versions',
  'api_tokens',
  'api_token_revocations',
  'settings_versions',
  'attachments',
  'plugin_events',
  'publisher_keys',
  'signatures',
  'signature_withdrawals',
  'reviews',
  'review_findings',
  'finding_resolutions',
  'review_completions',
  'alerts',
] as const
export const OPERATIONAL_TABLES = [
  'jobs',
  'sessions',
  'idempotency_keys',
  'lockouts',
  'backups',
  'alert_deliveries',
] as const
