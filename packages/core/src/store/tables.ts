import * as schema from './schema.js'

/**
 * The append-only tables that `WriteTx.appendRows` writes generically (entries and tree nodes
 * have their own methods). Adding an evidence table: define it in schema.ts, list it here and in
 * APPEND_ONLY_TABLES, and give it triggers in a migration.
 */
export const appendTables = {
  installs: schema.installs,
  checkpoints: schema.checkpoints,
  recordTypes: schema.recordTypes,
  recordVersions: schema.recordVersions,
  accounts: schema.accounts,
  accountVersions: schema.accountVersions,
  apiTokens: schema.apiTokens,
  apiTokenRevocations: schema.apiTokenRevocations,
  settingsVersions: schema.settingsVersions,
  attachments: schema.attachments,
  pluginEvents: schema.pluginEvents,
  publisherKeys: schema.publisherKeys,
  signatures: schema.signatures,
  signatureWithdrawals: schema.signatureWithdrawals,
  reviews: schema.reviews,
  reviewFindings: schema.reviewFindings,
  findingResolutions: schema.findingResolutions,
  reviewCompletions: schema.reviewCompletions,
  alerts: schema.alerts,
} as const

export type AppendTableKey = keyof typeof appendTables
