import { VeritrailError } from '../errors.js'
import type { EntryReason, FieldChange } from '../ledger/entry.js'
import type { Locale } from '../extension/i18n.js'
import type { RecordTypeDefinition } from '../extension/record-type.js'

/** A reason as a client sends it: a predefined code, free text, or both. */
export interface ReasonInput {
  code?: string
  text?: string
}

const MAX_REASON_TEXT = 2000

/**
 * Checks a reason against the record type's predefined list (R-RC-02) and freezes its label in
 * `locale`. Whitespace-only text counts as no text. Returns undefined when no reason was given.
 */
export function resolveReason(
  type: RecordTypeDefinition,
  input: ReasonInput | undefined,
  locale: Locale,
): EntryReason | undefined {
  if (!input) return undefined
  const text = typeof input.text === 'string' && input.text.trim() !== '' ? input.text : undefined
  if (text !== undefined && text.length > MAX_REASON_TEXT) {
    throw new VeritrailError('validation_failed', `A reason may have at most ${MAX_REASON_TEXT} characters.`, {
      errors: [{ path: 'reason.text', message: `At most ${MAX_REASON_TEXT} characters.` }],
    })
  }
  if (input.code === undefined || input.code === '') {
    return text === undefined ? undefined : { text }
  }
  const predefined = type.reasons.find((r) => r.code === input.code)
  if (!predefined) {
    const known = type.reasons.map((r) => r.code).join(', ')
    throw new VeritrailError('validation_failed', `“${input.code}” is not a reason for ${type.title.en} (use one of: ${known}).`, {
      errors: [{ path: 'reason.code', message: `Unknown reason; use one of: ${known}.` }],
    })
  }
  if (predefined.requiresText && text === undefined) {
    throw new VeritrailError('reason_required', `The reason “${predefined.label[locale]}” needs an explanation in words.`, {
      errors: [{ path: 'reason.text', message: 'Explain the reason in words.' }],
    })
  }
  const reason: EntryReason = { code: predefined.code, label: predefined.label[locale] }
  if (text !== undefined) reason.text = text
  return reason
}

/** Refuses a change to critical fields without a reason (ARCHITECTURE §2.9, R-RC-01). */
export function requireReason(
  critical: FieldChange[],
  reason: EntryReason | undefined,
  what = 'Changing',
): void {
  if (critical.length === 0 || reason) return
  const names = critical.map((c) => `“${c.label}”`).join(', ')
  throw new VeritrailError('reason_required', `${what} ${names} needs a reason: choose a predefined reason or explain in words.`, {
    errors: [{ path: 'reason', message: 'A reason is required.' }],
    details: { fields: critical.map((c) => c.field) },
  })
}
