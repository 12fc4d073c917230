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
export { ROLES, GMP_ROLES, ROLE_LABELS, SYSTEM_ROLE_LABEL, isRole, checkRoles, actingRole, type Role } from './identity/roles.js'
export { AccountService, requireReasonText, type CreateAccountInput } from './identity/accounts.js'
export { ACCOUNT_TARGET, accountView, type AccountView } from './identity/account.js'
export { SessionService, actorOf, type Caller, type Principal, type LoginResult } from './identity/sessions.js'
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
export { openPlatform, FIRST_PARTY_PLUGINS, type Platform } from './platform.js'
export { SignatureService, type SignatureView } from './signatures/signatures.js'
export { MEANINGS, MEANING_LABELS, SIGNING_ROLES, isMeaning } from './signatures/meanings.js'
export { lifecycleGuard } from './records/lifecycle.js'
export { ReviewService, type ReviewView, type FindingView, type ReviewScopeInput } from './review/reviews.js'
export { entryColour, type EntryColour } from './review/colour.js'
export { sampleSeqs } from './review/sample.js'
export { collectLinks, linkedRecords } from './records/link-targets.js'
export type { UpdateInput } from './records/service.js'
export { IngestService, IngestSchema, IngestItemSchema, MAX_INGEST_ITEMS, type IngestOutcome, type IngestItemResult } from './ingest/ingest.js'

// Plugin host
export { toDisposable, disposeAll, type Disposable } from './extension/disposable.js'
export {
  defineExporter,
  isExporter,
  type Exporter,
  type ExportContext,
  type ExportItem,
  type ExportMeta,
  type ExportedEntry,
  type ExportedRecord,
} from './extension/exporter.js'
export {
  defineBackupTarget,
  isBackupTarget,
  isBackupObjectName,
  type BackupTarget,
  type BackupTargetCapabilities,
  type BackupObjectInfo,
  type BackupBody,
} from './extension/backup-target.js'
export {
  exporterConformance,
  type ExporterConformanceOptions,
  type ExporterConformanceReport,
} from './extension/conformance/exporter-conformance.js'
export {
  backupTargetConformance,
  type BackupTargetConformanceOptions,
} from './extension/conformance/backup-target-conformance.js'
export {
  parseManifest,
  engineProblem,
  activatesOn,
  activationEvent,
  contributionIds,
  CONTRIBUTION_ID,
  type PluginManifest,
  type Contributions,
  type ExtensionPoint,
  type ManifestResult,
} from './extension/manifest.js'
export { signPack, verifyPack, type PackVerification, type PackSignatureStatus } from './extension/signing/pack-signature.js'
export { packFiles, SIGNATURE_FILE, type PackFile } from './extension/signing/pack-files.js'
export { packDigestText, manifestHash } from './extension/signing/pack-digest.js'
export type { PluginContext, PluginModule } from './extension/host/plugin-context.js'
export { openPluginHost } from './extension/host/plugin-host.js'
export type {
  PluginHost,
  PluginHostOptions,
  ContributedRule,
  Contributed,
  LazyRecordTypeRegistry,
} from './extension/host/plugin-host-api.js'
export type { PluginInfo } from './extension/host/plugin-slot.js'
export type { PluginStatus, PluginOrigin } from './extension/host/plugin-status.js'
export { deferredRegistry, type DeferredRegistry } from './extension/host/deferred-registry.js'
export { DEFAULT_SANDBOX_LIMITS, type SandboxLimits } from './extension/sandbox/limits.js'

// Exception rules
export {
  defineRule,
  isExceptionRule,
  RuleMetaSchema,
  SEVERITIES,
  DEFAULT_WORKING_HOURS,
  type CodeRule,
  type DeclarativeRule,
  type ExceptionRule,
  type Finding,
  type OtherTrailFilter,
  type RuleContext,
  type RuleMeta,
  type RuleRecordVersion,
  type RuleReview,
  type RuleSettings,
  type RuleSignature,
  type SeqRange,
  type Severity,
  type StoredRecordType,
  type WorkingHours,
} from './extension/exception-rule.js'
export { defineDeclarativeRule, declarativeRuleJsonSchema } from './review/rules/declarative/define.js'
export { DeclarativeRuleSchema, type DeclarativeRuleDefinition, type RuleCondition, type RuleWindow } from './review/rules/declarative/schema.js'
export { PLACEHOLDERS } from './review/rules/declarative/template.js'
export { runRules, startRuleRun, packRules, type PackedRule, type RuleError, type RuleRun, type RuleRunResult, type RuleStamp, type StampedFinding } from './review/rules/engine.js'
export { createRuleContext, type RuleContextOptions } from './review/rules/context.js'
export { ruleSettings } from './review/rules/settings.js'
export { reviewCoversSeq } from './review/rules/review-index.js'
export { evaluateScope, type ScopeOptions } from './review/rules/scope.js'
export { actorText, actionText, describeChanges, formatFieldValue, reasonText, recordLabel, roleLabel } from './review/rules/text.js'
export { formatSiteTime, localTime, type LocalTime } from './review/rules/site-time.js'

// Export
export { ExportFilterSchema, parseExportFilter, filterForRole, isRecordScope, type ExportFilter } from './export/filter.js'
export { exportFacts, type ExportFacts, type ExportCheckpoint, type ExportAttachment } from './export/facts.js'
export { describeEntry, exportValue, timeView, formatTimeView, type EntryView, type ChangeView, type TimeView, type RecordTypeLookup } from './export/present.js'
export { attachmentRefs } from './export/attachment-refs.js'
export { MANIFEST_HEADER } from './export/manifest-signing.js'
export { planExport, exportFormats, exportSchema, type ExportPlan, type ExportFormat, type ExportRequest } from './export/plan.js'
export { streamExport, type ExportSpec, type ExportIo, type ExportOutcome } from './export/stream.js'
export { exportInWorker, exportInProcess } from './export/run.js'
export { recordedTimeZone } from './export/io.js'

// Backup
export { openBackups, BackupEngine, DEFAULT_SPOOL_BYTES, type BackupEngineOptions, type BackupResult, type BackupView, type BackupVerification, type TargetView } from './backup/engine.js'
export { startBackupScheduler, type BackupScheduler } from './backup/scheduler.js'
export { scheduledRpoMs } from './backup/rpo.js'
export { restoreDrill, type DrillReport } from './backup/drill.js'
export { restoreInstallation, readPublished, type InstallationRestore } from './backup/restore-installation.js'
export { restoreChain, findSet, type RestoredChain } from './backup/restore.js'
export { folderTarget } from './backup/folder-target.js'
export { backupTargetConfig, TARGETS_FILE } from './backup/target-config.js'
export { loadBackupKeys, readIdentity, readRecipients, SITE_IDENTITY_FILE, EXTRA_RECIPIENTS_FILE, type BackupKeys } from './backup/keys.js'
export { retentionPlan, type RetentionPolicy, type RetentionPlan, type RetainedSet } from './backup/retention.js'
export type { PruneReport } from './backup/prune.js'
export { parseManifest as parseBackupManifest, MANIFEST_FORMAT as BACKUP_MANIFEST_FORMAT, type Manifest as BackupManifest, type ManifestObject as BackupManifestObject } from './backup/manifest.js'
export { AGE_MAGIC, isAgeEncrypted } from './backup/age.js'
export { createArchive, ARCHIVE_FORMAT, type ArchivePackage } from './backup/archive/create-archive.js'
export { verifyArchive, importArchive, listArchives, type ArchiveVerification } from './backup/archive/verify-archive.js'
