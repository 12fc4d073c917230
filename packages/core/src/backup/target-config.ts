import { existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { VeritrailError } from '../errors.js'

/** `VERITRAIL_DATA/backup-targets.json`: one block per target id. It may hold credentials. */
export const TARGETS_FILE = 'backup-targets.json'

/**
 * The configuration block of backup target `id`, or undefined when there is none. Credentials
 * live in this file (never in the settings, whose changes the audit trail records with old and
 * new values), so the file must not be readable by group or others: it is refused otherwise.
 *
 * @example
 * // backup-targets.json
 * { "backup.sftp": { "host": "backup.example", "username": "veritrail", "privateKeyFile": "/etc/veritrail/sftp_key" } }
 */
export function backupTargetConfig(
  dataDir: string,
  id: string,
): Record<string, unknown> | undefined {
  const file = join(dataDir, TARGETS_FILE)
  if (!existsSync(file)) return undefined
  if ((statSync(file).mode & 0o077) !== 0) {
    throw new VeritrailError(
      'forbidden',
      `${file} holds backup credentials and must be readable by its owner only (chmod 600).`,
    )
  }
  let json: unknown
  try {
    json = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new VeritrailError('unreadable', `${file} is not valid JSON: ${(error as Error).message}`)
  }
  const block = (json as Record<string, unknown> | null)?.[id]
  if (block === undefined) return undefined
  if (typeof block !== 'object' || block === null || Array.isArray(block)) {
    throw new VeritrailError('validation_failed', `${file}: “${id}” must be an object.`)
  }
  return block as Record<string, unknown>
}
