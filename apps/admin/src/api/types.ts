// Shapes of the public HTTP API (CONTRACT §3–§9) as the admin UI reads them.
import type { JsonValue } from '@veritrail/ui'
import type { Locale } from './client.ts'

export type Trail = 'data' | 'system'

export interface User {
  id: string
  username: string
  displayName: string
  roles: string[]
}

export interface Account extends User {
  kind: 'person' | 'integration' | 'system'
  status: 'active' | 'disabled'
  mustChangePassword: boolean
  mfa: boolean
  createdTs: string
  updatedTs: string
  version: number
}

export interface AccountVersion extends Account {
  changedBy: string
}

export interface ApiToken {
  id: string
  name: string
  createdTs?: string
  revokedTs?: string | null
  [key: string]: unknown
}

export interface FieldChange {
  field: string
  label: string
  old?: JsonValue
  new?: JsonValue
}

/** An audit entry exactly as served: the hashed fields plus `leafHash` and `display`. */
export interface Entry {
  v: number
  seq: number
  trail: Trail
  ts: string
  tz: string
  actor: {
    id: string
    username: string
    displayName: string
    role: string
    type: 'person' | 'system'
  }
  action: string
  correlationId: string
  target?: { type: string; typeVersion: string; id: string; version: number; recordHash?: string }
  changes?: FieldChange[]
  reason?: { code?: string; label?: string; text?: string }
  authorizer?: { id: string; username: string; displayName: string }
  client: { ip: string; userAgent: string }
  session?: string
  source?: { system: string; user: string; ts: string; ref: string }
  snapshot?: JsonValue
  details?: Record<string, JsonValue>
  leafHash: string
  display?: {
    action?: string
    role?: string
    recordType?: string
    fields?: Record<string, string>
    reason?: string
  }
}

export interface AuditPage {
  entries: Entry[]
  nextCursor: string | null
}

export interface Checkpoint {
  origin: string
  size: number
  rootHash: string
  note: string
}

export interface InclusionProof {
  leafIndex: number
  treeSize: number
  hashes: string[]
}

export type FieldKind =
  | 'text'
  | 'longtext'
  | 'integer'
  | 'number'
  | 'decimal'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'enum'
  | 'reference'
  | 'attachment'
  | 'list'
  | 'object'

export interface RecordField {
  name: string
  label: string
  labels?: Record<string, string>
  kind: FieldKind
  critical: boolean
  criticality?: string
  unit?: string
  references?: string
  options?: { value: string; label: string }[]
  range?: { min?: string; max?: string }
  columns?: { name: string; label: string; kind: FieldKind; unit?: string }[]
}

export interface JsonSchema {
  type?: string
  properties?: Record<string, JsonSchema>
  required?: string[]
  items?: JsonSchema
  enum?: string[]
  format?: string
  pattern?: string
  minLength?: number
  maxLength?: number
  minimum?: number
  maximum?: number
  minItems?: number
}

export interface RecordType {
  id: string
  version: string
  title: string
  titles?: Record<string, string>
  fields: RecordField[]
  reasons: { code: string; label: string; requiresText?: boolean }[]
  lifecycle?: {
    field: string
    initial: string
    states: { id: string; label: string; locks: boolean | 'change-control' }[]
    transitions: {
      from: string
      to: string
      label: string
      signatures: string[]
      requiresReview: boolean
    }[]
  }
  deletable: string[]
  summary?: string
  jsonSchema: JsonSchema
}

export type RecordData = Record<string, JsonValue>

export interface RecordView {
  id: string
  type: string
  typeVersion: string
  version: number
  data: RecordData | null
  deleted: boolean
  seq: number
  ts: string
  actorId: string
}

export interface RecordPage {
  records: RecordView[]
  nextCursor: string | null
}

export interface Signature {
  id: string
  signer: { username: string; displayName: string }
  ts: string
  tz?: string
  meaning: string
  recordHash: string
  version?: number
  coversCurrentVersion: boolean
}

export interface Health {
  status: string
  version: string
  trails: Record<Trail, { size: number }>
}

export interface Alert {
  id?: string | number
  ts?: string
  kind?: string
  severity?: string
  message?: string
  [key: string]: unknown
}

export interface Finding {
  id: string
  seq: number
  trail?: Trail
  rule: { id: string; version: string; pack?: string; packHash?: string }
  severity: 'info' | 'warning' | 'critical'
  message: string
  resolution?: { note: string; reference: string | null; ts: string }
}

export interface Review {
  id: string
  scope: {
    recordType?: string
    recordId?: string
    trail?: Trail
    from?: string | number
    to?: string | number
  }
  entryCount: number
  findings: Finding[]
  openedAt?: string
  completed?: { conclusion: string; reviewerId: string; ts: string; seq: number }
}

/** One entry of a review's scope with the server's review-by-exception colour. */
export interface ReviewEntry {
  seq: number
  colour: 'none' | 'change' | 'critical'
  findings: string[]
  entry: Entry
}

export interface CoverageRow {
  trail: Trail
  recordType: string | null
  total: number
  reviewed: number
  unreviewed: number
}

/** `GET /api/v1/backup-targets`. */
export interface BackupTargetView {
  id: string
  label: Record<Locale, string>
  capabilities: { immutable: boolean; encryptedInTransit: boolean; deletes: boolean }
}

/** `GET /api/v1/backups`: one catalog row. */
export interface BackupView {
  id: string
  target: string
  kind: 'full' | 'incremental'
  status: 'running' | 'completed' | 'failed' | 'pruned'
  bytes: number | null
  sha256: string | null
  error: string | null
  startedAt: string
  finishedAt: string | null
  promoted?: string
}

/** `GET /api/v1/backup-status`. */
export interface BackupStatusView {
  now: string
  rpoTargetMs: number | null
  schedules: { target: string; kind: 'full' | 'incremental' | 'drill'; cron: string }[]
  lastCompleted: {
    id: string
    target: string
    kind: 'full' | 'incremental'
    finishedAt: string
  } | null
  lastDrill: DrillSummary | null
}

/** The newest restore drill, from its system-trail entry. */
export interface DrillSummary {
  ts: string
  backupId: string
  target: string
  ok: boolean
  rtoMs: number
  matchesCheckpoint: boolean
  integrity: boolean
  verified: boolean
  problems: string[]
}

/** `POST /api/v1/restore-drills`. */
export interface DrillReport {
  ok: boolean
  rtoMs: number
  matchesCheckpoint: boolean
  problems: string[]
}
