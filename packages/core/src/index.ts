// The public API of @veritrail/core. Plugins, the server and the CLI import from here only.

export { VeritrailError, isVeritrailError, type ErrorCode, type FieldError } from './errors.js'
export { canonicalJson, fidelityErrors, type JsonValue } from './canonical/canonical-json.js'
export { uuidv7 } from './ids.js'

// Core lifecycle
export { openCore, CORE_VERSION, SYSTEM_ACTOR, type Core, type CoreConfig } from './core.js'
export { verifyDataDir, latestCheckpoints, readCheckpointFile, splitNotes, type VerifyDataOptions } from './verify-data.js'

// Extension points
export { LOCALES, pickLocale, type Locale, type LocalizedText } from './extension/i18n.js'
export {
  defineRecordType,
  isRecordType,
  decimal,
  reference,
  attachment,
  staticRegistry,
  type Criticality,
  type FieldDefinition,
  type FieldKind,
  type LifecycleDefinition,
  type LifecycleState,
  type LifecycleTransition,
  type ReasonDefinition,
  type RecordData,
  type RecordTypeDefinition,
  type RecordTypeRegistry,
  type RetentionDefinition,
  type SignatureMeaning,
} from './extension/record-type.js'

// Ledger
export {
  ACTIONS,
  ENTRY_FORMAT_VERSION,
  TRAILS,
  type Action,
  type Actor,
  type Authorizer,
  type ClientInfo,
  type CommittedEntry,
  type Entry,
  type EntryDraft,
  type EntryReason,
  type EntrySource,
  type EntryTarget,
  type FieldChange,
  type Trail,
} from './ledger/entry.js'
export type { ActionContext } from './ledger/context.js'
export { Ledger, type Change, type SignedHead } from './ledger/ledger.js'
export { hostTimeZone, isTimeZone, isoTime } from './ledger/clock.js'
export { hashLeaf, hashChildren, EMPTY_ROOT, HASH_SIZE, type Hash } from './ledger/merkle.js'
export { verifyInclusion, verifyConsistency } from './ledger/verify-proof.js'
export { inclusionProof, consistencyProof, rootAt, decompose } from './ledger/ranges.js'
export { VerificationError, isVerificationError, type VerificationReason } from './ledger/verification-error.js'
export { signNote, openNote, type SignerKey, type VerifierKey, type OpenedNote } from './ledger/note.js'
export { generateSignerKey, parseSignerKey, parseVerifierKey, formatVerifierKey, noteKeyId } from './ledger/note-keys.js'
export { formatCheckpoint, parseCheckpoint, signCheckpoint, openCheckpoint, type Checkpoint } from './ledger/checkpoint.js'
export { verifyLedger, VERSIONING_ACTIONS, type VerifyOptions, type VerifyReport, type TrailVerification } from './ledger/verify.js'

// Records
export { RecordService, type RecordView, type WriteResult, type RecordGuard, type GuardedChange } from './records/service.js'
export { recordHash } from './records/record-hash.js'
export { storedDefinition, recordJsonSchema } from './records/definition.js'
export { diffData, fieldLabel } from './records/diff.js'
export type { ReasonInput } from './records/reason.js'

// Identity, settings, alerts
export { ROLES, GMP_ROLES, ROLE_LABELS, isRole, checkRoles, actingRole, type Role } from './identity/roles.js'
export { AccountService, requireReasonText, type CreateAccountInput } from './identity/accounts.js'
export { ACCOUNT_TARGET, accountView, type AccountView } from './identity/account.js'
export { SessionService, actorOf, type Principal, type LoginResult } from './identity/sessions.js'
export { DEFAULT_PASSWORD_POLICY, type PasswordPolicy } from './identity/password.js'
export { SettingsService, merge as mergeSettings } from './settings/settings.js'
export { DEFAULT_SETTINGS, SETTING_LABELS, SettingsSchema, type Settings } from './settings/schema.js'
export { AlertChannel, type Alert, type AlertKind, type AlertSeverity } from './alerts/alerts.js'
export { AttachmentService, type AttachmentInfo } from './attachments/attachments.js'
export { AuditService, type AuditQueryInput, type ServedEntry } from './audit/query.js'
export { ProofService } from './audit/proofs.js'
export { ACTION_LABELS, actionLabel } from './audit/labels.js'
export { runInWorker } from './worker/run-in-worker.js'
export { verifyJob, VERIFY_JOB_MODULE } from './verify-job.js'
export { SignatureService, type SignatureView } from './signatures/signatures.js'
export { MEANINGS, MEANING_LABELS, SIGNING_ROLES, isMeaning } from './signatures/meanings.js'
export { lifecycleGuard } from './records/lifecycle.js'
export type { UpdateInput } from './records/service.js'
export { IngestService, IngestSchema, IngestItemSchema, MAX_INGEST_ITEMS, type IngestOutcome, type IngestItemResult } from './ingest/ingest.js'

