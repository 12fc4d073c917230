import type { LocalizedText } from './i18n.js'

/**
 * What a backup target promises. The core refuses to rely on more than a target declares, and
 * shows the capabilities to the administrator choosing a target.
 */
export interface BackupTargetCapabilities {
  /** The storage itself keeps objects for their retention (WORM, S3 Object Lock). */
  immutable: boolean
  /** Bytes travel encrypted to the storage (TLS, SSH); backups are encrypted anyway. */
  encryptedInTransit: boolean
  /** The target implements `prune`: removing an expired object is possible at all. */
  deletes: boolean
}

/** An object's name and size as stored. */
export interface BackupObjectInfo {
  name: string
  size: number
}

/**
 * The bytes of an object: a whole buffer or a stream of chunks. Targets must accept both.
 */
export type BackupBody = Uint8Array | AsyncIterable<Uint8Array>

/**
 * A backup target (ARCHITECTURE §3): a store of opaque, named objects. The core builds
 * snapshots and increments, encrypts, checksums, catalogs and verifies; a target only stores.
 *
 * Object names are relative paths of `[A-Za-z0-9._-]` segments separated by `/` (no empty, `.`
 * or `..` segment, at most 1,024 characters). Contract, checked by `backupTargetConformance`:
 * - `put` never replaces an object: an existing name is refused (`VeritrailError` `conflict`),
 *   and an object is visible under its name only once all its bytes are stored — a failed or
 *   interrupted `put` leaves nothing behind;
 * - `get` and `stat` answer `null` for a name that does not exist;
 * - `list(prefix)` yields every stored object whose name starts with `prefix`, and only those.
 *
 * There is no delete: removing expired backups is a separate, audited operation, offered only
 * by targets whose `capabilities.deletes` is true, through `prune`.
 */
export interface BackupTarget {
  /** Stable id, `<pack>.<name>`, declared in the plugin's manifest. */
  id: string
  label: LocalizedText
  capabilities: BackupTargetCapabilities
  put(name: string, body: BackupBody): Promise<void>
  get(name: string): Promise<AsyncIterable<Uint8Array> | null>
  list(prefix: string): AsyncIterable<BackupObjectInfo>
  stat(name: string): Promise<BackupObjectInfo | null>
  /** Removes one object (retention pruning); present exactly when `capabilities.deletes`. */
  prune?(name: string): Promise<void>
}

const BACKUP_TARGET = Symbol.for('veritrail.backupTarget')

/**
 * Declares a backup target: returns it tagged, with types checked. Targets usually hold a
 * connection, so `defineBackupTarget` is typically called inside a factory that reads settings.
 *
 * @example
 * export function folderTarget(root: string) {
 *   return defineBackupTarget({
 *     id: 'acme.folder', label: { en: 'Folder', 'zh-CN': '文件夹' },
 *     capabilities: { immutable: false, encryptedInTransit: false, deletes: false },
 *     put: (name, body) => writeNew(join(root, name), body),
 *     get: (name) => readOrNull(join(root, name)),
 *     list: (prefix) => walk(root, prefix),
 *     stat: (name) => statOrNull(join(root, name)),
 *   })
 * }
 */
export function defineBackupTarget<T extends BackupTarget>(target: T): T {
  return Object.assign(target, { [BACKUP_TARGET]: true })
}

/** True for a backup target made with `defineBackupTarget` by any copy of the core. */
export function isBackupTarget(value: unknown): value is BackupTarget {
  return typeof value === 'object' && value !== null && BACKUP_TARGET in value
}

const SEGMENT = /^[A-Za-z0-9._-]+$/

/**
 * True for a valid object name (see `BackupTarget`). Targets call it before touching storage so
 * that no name can escape their root.
 */
export function isBackupObjectName(name: string): boolean {
  if (name.length === 0 || name.length > 1024) return false
  return name.split('/').every((s) => SEGMENT.test(s) && s !== '.' && s !== '..')
}
