/**
 * Stable machine codes of core errors. The HTTP adapter maps each to a status and an
 * RFC 9457 problem document; the CLI maps them to exit codes. Never rename one: clients
 * and integrations branch on them.
 */
export type ErrorCode =
  | 'validation_failed'
  | 'reason_required'
  | 'version_conflict'
  | 'not_found'
  | 'conflict'
  | 'forbidden'
  | 'unauthenticated'
  | 'password_change_required'
  | 'mfa_enrolment_required'
  | 'account_locked'
  | 'segregation_of_duties'
  | 'record_locked'
  | 'transition_not_allowed'
  | 'busy'
  | 'payload_too_large'
  | 'unreadable'
  | 'verification_failed'
  | 'plugin_error'
  | 'internal'

/** One field-level problem: `path` is a dotted path into the input (`data.lot`). */
export interface FieldError {
  path: string
  message: string
}

const TAG = Symbol.for('veritrail.error')

/**
 * The one error type the core throws. `message` is a sentence a person can act on;
 * `code` is what programs branch on.
 *
 * @example
 * throw new VeritrailError('reason_required', 'Changing “Sterilisation time” needs a reason.', {
 *   errors: [{ path: 'reason', message: 'Give a predefined reason or a text.' }],
 * })
 */
export class VeritrailError extends Error {
  readonly [TAG] = true
  readonly code: ErrorCode
  readonly errors: FieldError[] | undefined
  readonly details: Record<string, unknown> | undefined

  constructor(
    code: ErrorCode,
    message: string,
    options: { errors?: FieldError[]; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause })
    this.name = 'VeritrailError'
    this.code = code
    this.errors = options.errors
    this.details = options.details
  }
}

/** True for a `VeritrailError` from any copy of the core (no `instanceof` across packages). */
export function isVeritrailError(value: unknown): value is VeritrailError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[TAG] === true
}
