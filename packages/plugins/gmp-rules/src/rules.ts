import type { ExceptionRule } from '@veritrail/core'
import { accountLocked } from './rules/account-locked.js'
import { alarmChanged } from './rules/alarm-changed.js'
import { alarmDisabled } from './rules/alarm-disabled.js'
import { bulkChanges } from './rules/bulk-changes.js'
import { changedAfterReview } from './rules/changed-after-review.js'
import { changedAfterSignature } from './rules/changed-after-signature.js'
import { clockChanged } from './rules/clock-changed.js'
import { configurationChanged } from './rules/configuration-changed.js'
import { criticalDataModified } from './rules/critical-data-modified.js'
import { failedLogins } from './rules/failed-logins.js'
import { integrationWithoutSource } from './rules/integration-without-source.js'
import { offHoursChange } from './rules/off-hours-change.js'
import { privilegedDataOperation } from './rules/privileged-data-operation.js'
import { recordDeleted } from './rules/record-deleted.js'
import { recordVoided } from './rules/record-voided.js'
import { repeatedResultChanges } from './rules/repeated-result-changes.js'
import { reprocessing } from './rules/reprocessing.js'
import { runAborted } from './rules/run-aborted.js'
import { signatureFailed } from './rules/signature-failed.js'
import { timeZoneChanged } from './rules/time-zone-changed.js'

export {
  accountLocked,
  alarmChanged,
  alarmDisabled,
  bulkChanges,
  changedAfterReview,
  changedAfterSignature,
  clockChanged,
  configurationChanged,
  criticalDataModified,
  failedLogins,
  integrationWithoutSource,
  offHoursChange,
  privilegedDataOperation,
  recordDeleted,
  recordVoided,
  repeatedResultChanges,
  reprocessing,
  runAborted,
  signatureFailed,
  timeZoneChanged,
}

/**
 * Every rule of the pack, data-trail rules first. All but two are declarative (data the core
 * evaluates); changes after signature or review need history and are code.
 */
export const gmpRules: ExceptionRule[] = [
  criticalDataModified,
  recordDeleted,
  recordVoided,
  changedAfterSignature,
  changedAfterReview,
  privilegedDataOperation,
  integrationWithoutSource,
  alarmDisabled,
  alarmChanged,
  runAborted,
  reprocessing,
  repeatedResultChanges,
  offHoursChange,
  bulkChanges,
  failedLogins,
  accountLocked,
  signatureFailed,
  clockChanged,
  timeZoneChanged,
  configurationChanged,
]
