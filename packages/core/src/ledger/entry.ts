import type { JsonValue } from '../canonical/canonical-json.js'

/** The two trails (ARCHITECTURE §2.5): GMP records vs accounts, configuration and operations. */
export type Trail = 'data' | 'system'
export const TRAILS: readonly Trail[] = ['data', 'system']

/** Entry format version: bump only with a migration note; verifiers branch on it. */
export const ENTRY_FORMAT_VERSION = 1

/**
 * The controlled list of actions (R-AT-06). Data-trail actions describe the life of GMP
 * records; everything else is a system-trail action.
 */
export const ACTIONS = [
  // data trail
  'create', 'update', 'delete', 'transition', 'sign', 'signature_withdraw', 'review', 'ingest',
  // system trail: sessions and accounts
  'login', 'login_failed', 'logout', 'session_expired', 'lock', 'unlock', 'password_change',
  'password_reset', 'user_create', 'role_change', 'user_disable', 'token_issue', 'token_revoke',
  'mfa_enrol', 'mfa_revoke', 'access_denied', 'signature_failed', 'signature_accept',
  // system trail: configuration, plugins, evidence operations
  'config_change', 'plugin_install', 'plugin_trust', 'plugin_enable', 'plugin_disable',
  'plugin_upgrade', 'export', 'backup', 'backup_verify', 'backup_prune', 'restore', 'restore_drill',
  'clock_change', 'key_rotation', 'ingest_rejected', 'verify', 'attachment_add',
  'record_type_register', 'review_open', 'system_start', 'system_stop',
] as const
export type Action = (typeof ACTIONS)[number]

/** Who acted: always one individual account (R-AT-02), with the role acted in (R-AT-03). */
export interface Actor {
  id: string
  username: string
  displayName: string
  role: string
  type: 'person' | 'system'
}

/**
 * The record version an entry is about (R-AT-04). `recordHash` binds the entry to that version's
 * content: hex SHA-256 of RFC 8785 `{type, id, version, data}` (`data` null for a tombstone), the
 * same hash electronic signatures bind to (CONTRACT §6), so `verify --deep` can prove every stored
 * version is the one the trail recorded.
 */
export interface EntryTarget {
  type: string
  typeVersion: string
  id: string
  version: number
  recordHash?: string
}

/**
 * One field's change. `old` is absent on creation, `new` is absent when a field is removed;
 * `label` is frozen in the site's default locale at write time (ARCHITECTURE §2.8).
 */
export interface FieldChange {
  field: string
  label: string
  old?: JsonValue
  new?: JsonValue
}

export interface EntryReason {
  code?: string
  label?: string
  text?: string
}

export interface Authorizer {
  id: string
  username: string
  displayName: string
}

export interface ClientInfo {
  ip: string
  userAgent: string
}

/** Provenance of an ingested entry (R-AT-10): the source system's own user, time and reference. */
export interface EntrySource {
  system: string
  user: string
  ts: string
  ref: string
}

/**
 * An audit entry exactly as hashed (CONTRACT §5). The stored bytes are the RFC 8785 canonical
 * JSON of this object; `leafHash` and `display` are added when serving and are never hashed.
 */
export interface Entry {
  v: typeof ENTRY_FORMAT_VERSION
  seq: number
  trail: Trail
  /** Server time, UTC, millisecond precision, ISO 8601 with `Z` (ARCHITECTURE §2.6). */
  ts: string
  /** The site's IANA time zone at write time, for display. */
  tz: string
  actor: Actor
  action: Action
  correlationId: string
  target?: EntryTarget
  changes?: FieldChange[]
  reason?: EntryReason
  authorizer?: Authorizer
  client: ClientInfo
  session?: string
  source?: EntrySource
  /** The whole last content of a deleted record (R-AT-05). */
  snapshot?: JsonValue
  /** Structured facts of system events (attempted user name, export filter, backup id ...). */
  details?: { [key: string]: JsonValue }
}

/**
 * What a caller asks the ledger to append; the ledger adds `v`, `seq`, `ts` and `tz` inside the
 * write transaction. `searchText` is extra text for the full-text index only (labels in the other
 * language, for example); it is not part of the entry.
 */
export type EntryDraft = Omit<Entry, 'v' | 'seq' | 'ts' | 'tz'> & { searchText?: string[] }

/** A committed entry: its stored canonical bytes and leaf hash. */
export interface CommittedEntry {
  trail: Trail
  seq: number
  ts: string
  bytes: string
  leafHash: Uint8Array
}
