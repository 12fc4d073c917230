import { join } from 'node:path'
import type { Ledger } from '../ledger/ledger.js'
import type { Store } from '../store/store.js'
import type { BackupKeys } from './keys.js'
import type { WalChain } from './wal-chain.js'

/** What the backup modules need of an open installation. */
export interface BackupSite {
  dataDir: string
  installId: string
  store: Store
  ledger: Ledger
  chain: WalChain
  keys: BackupKeys
  /** Path of an attachment blob (`<data>/attachments/<xx>/<sha256>`). */
  attachmentFile(sha256: string): string
}

/** The blob layout of `AttachmentService`. */
export function attachmentFile(dataDir: string, sha256: string): string {
  return join(dataDir, 'attachments', sha256.slice(0, 2), sha256)
}
