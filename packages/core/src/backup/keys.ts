import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { generateX25519Identity, identityToRecipient } from 'age-encryption'
import { VeritrailError } from '../errors.js'
import { isoTime } from '../ledger/clock.js'
import { checkRecipient } from './age.js'

/** `VERITRAIL_DATA/keys/backup.agekey`: the site's age identity (CONTRACT §9), age-keygen format. */
export const SITE_IDENTITY_FILE = 'backup.agekey'
/** `VERITRAIL_DATA/keys/backup.recipients`: more recipients (an offline escrow key), one per line. */
export const EXTRA_RECIPIENTS_FILE = 'backup.recipients'

/** Who can open backups: the site identity, and every recipient each object is encrypted to. */
export interface BackupKeys {
  /** `AGE-SECRET-KEY-1…`: never logged, never sent anywhere but a worker thread of this process. */
  identity: string
  siteRecipient: string
  /** The site recipient first, then the escrow recipients. */
  recipients: string[]
  identityFile: string
}

/**
 * Loads the backup keys of a data directory, creating the site identity at first use (mode
 * 0600, like `age-keygen -o`). Fails closed: a malformed identity or any malformed line in the
 * recipients file stops every backup rather than leaving a recipient out.
 */
export async function loadBackupKeys(dataDir: string): Promise<BackupKeys> {
  const keysDir = join(dataDir, 'keys')
  mkdirSync(keysDir, { recursive: true, mode: 0o700 })
  const identityFile = join(keysDir, SITE_IDENTITY_FILE)
  if (!existsSync(identityFile)) {
    const identity = await generateX25519Identity()
    const recipient = await identityToRecipient(identity)
    const text = `# created: ${isoTime(Date.now())}\n# public key: ${recipient}\n# Veritrail backup identity: keep an offline copy; backups cannot be opened without it or an escrow key.\n${identity}\n`
    writeFileSync(identityFile, text, { mode: 0o600, flag: 'wx' })
  }
  chmodSync(identityFile, 0o600)
  const identity = readIdentity(identityFile)
  const siteRecipient = await identityToRecipient(identity)
  const extra = readRecipients(join(keysDir, EXTRA_RECIPIENTS_FILE))
  return {
    identity,
    siteRecipient,
    recipients: [...new Set([siteRecipient, ...extra])],
    identityFile,
  }
}

/** The one `AGE-SECRET-KEY-1…` line of an identity file (comments allowed). */
export function readIdentity(file: string): string {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw new VeritrailError(
      'unreadable',
      `Cannot read the backup identity ${file}: ${(error as Error).message}`,
    )
  }
  const keys = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('AGE-SECRET-KEY-1'))
  if (keys.length !== 1) {
    throw new VeritrailError(
      'unreadable',
      `${file} must hold exactly one X25519 age identity (AGE-SECRET-KEY-1…).`,
    )
  }
  return keys[0]!
}

/** An age recipients file (`age -R` format): one `age1…` per line, `#` comments, blank lines. */
export function readRecipients(file: string): string[] {
  if (!existsSync(file)) return []
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => checkRecipient(l, file))
}
