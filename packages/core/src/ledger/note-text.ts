// Character rules of C2SP signed-note (and so of checkpoints, which are note texts).

/**
 * True for a text a note may carry: well-formed Unicode (so valid UTF-8 once encoded) with no
 * control character below U+0020 other than newline (C2SP signed-note, "Format").
 */
export function isNoteSafe(text: string): boolean {
  return text.isWellFormed() && !/[\u0000-\u0009\u000b-\u001f]/.test(text)
}

/**
 * True for a valid key name: non-empty, no Unicode white space, no `+` (C2SP signed-note,
 * "Format"; the same set as Go's `unicode.IsSpace`).
 */
export function isValidKeyName(name: string): boolean {
  return name !== '' && name.isWellFormed() && !/[\p{White_Space}+]/u.test(name)
}

/** True for a key id written as in verifier keys: 8 lowercase hex digits. */
export function isValidKeyId(hex: string): boolean {
  return /^[0-9a-f]{8}$/.test(hex)
}
