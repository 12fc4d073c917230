/** A predefined reason for change as record types and the API describe it. */
export interface ReasonOption {
  code: string
  label: string
  requiresText?: boolean
}

/** What the API takes as a reason: a predefined code, a text, or both. */
export interface ReasonChoice {
  code?: string
  text?: string
}

export type ReasonCheck =
  { ok: true; reason: ReasonChoice } | { ok: false; problem: 'needReason' | 'needText' }

/** A reason is a predefined code or a text; a code marked `requiresText` ("Other") needs both. */
export function validateReason(
  code: string,
  text: string,
  options: readonly ReasonOption[],
): ReasonCheck {
  const trimmed = text.trim()
  const option = options.find((o) => o.code === code)
  if (!option && trimmed === '') return { ok: false, problem: 'needReason' }
  if (option?.requiresText && trimmed === '') return { ok: false, problem: 'needText' }
  return {
    ok: true,
    reason: { ...(option ? { code: option.code } : {}), ...(trimmed ? { text: trimmed } : {}) },
  }
}
