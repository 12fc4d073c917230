import { hash, verify } from '@node-rs/argon2'
import { VeritrailError, type FieldError } from '../errors.js'

/** argon2id (RFC 9106) with the OWASP-recommended parameters: 19 MiB, 2 passes, 1 lane. */
const ARGON2ID = 2

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 })
}

export async function verifyPassword(phc: string | null | undefined, password: string): Promise<boolean> {
  if (!phc) return false
  try {
    return await verify(phc, password)
  } catch {
    return false
  }
}

/** A hash to verify against when the user does not exist, so timing does not reveal that. */
let decoy: Promise<string> | undefined
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword('decoy password that never matches anything')
  return decoy
}

export interface PasswordPolicy {
  minLength: number
  historyCount: number
  maxAgeDays: number
}

export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = { minLength: 12, historyCount: 5, maxAgeDays: 90 }

/**
 * Checks a new password against the policy (R-AC-07): length, not the user name, not one of the
 * last `historyCount` passwords (compared through their argon2id hashes).
 *
 * @throws VeritrailError `validation_failed` with the path `newPassword`.
 */
export async function checkNewPassword(
  password: unknown,
  context: { username: string; policy: PasswordPolicy; previousHashes: string[] },
): Promise<string> {
  const problems: FieldError[] = []
  if (typeof password !== 'string') {
    problems.push({ path: 'newPassword', message: 'Enter a password.' })
  } else {
    if ([...password].length < context.policy.minLength) {
      problems.push({ path: 'newPassword', message: `Use at least ${context.policy.minLength} characters.` })
    }
    if (password.length > 1024) problems.push({ path: 'newPassword', message: 'Use at most 1024 characters.' })
    if (password.trim().toLowerCase() === context.username.toLowerCase()) {
      problems.push({ path: 'newPassword', message: 'The password cannot be the user name.' })
    }
    if (problems.length === 0) {
      const recent = context.previousHashes.slice(0, Math.max(1, context.policy.historyCount))
      for (const previous of recent) {
        if (await verifyPassword(previous, password)) {
          problems.push({
            path: 'newPassword',
            message: `Choose a password you have not used for your last ${Math.max(1, context.policy.historyCount)} passwords.`,
          })
          break
        }
      }
    }
  }
  if (problems.length > 0) {
    throw new VeritrailError('validation_failed', `The new password is not acceptable: ${problems[0]!.message}`, { errors: problems })
  }
  return password as string
}
