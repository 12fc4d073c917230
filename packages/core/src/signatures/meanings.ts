import type { LocalizedText } from '../extension/i18n.js'
import type { SignatureMeaning } from '../extension/record-type.js'

export const MEANINGS: readonly SignatureMeaning[] = ['authorship', 'review', 'approval', 'responsibility']

/** Who may sign what (CONTRACT §6), in the order the acting role is chosen; never sysadmin or integration. */
export const SIGNING_ROLES: Record<SignatureMeaning, readonly string[]> = {
  authorship: ['operator'],
  review: ['reviewer', 'qa'],
  approval: ['qa'],
  responsibility: ['reviewer', 'qa'],
}

/** The manifestation's meaning, for people (Part 11 §11.50(a)(3)). */
export const MEANING_LABELS: Record<SignatureMeaning, LocalizedText> = {
  authorship: { en: 'Authored', 'zh-CN': '编写' },
  review: { en: 'Reviewed', 'zh-CN': '审核' },
  approval: { en: 'Approved', 'zh-CN': '批准' },
  responsibility: { en: 'Responsible', 'zh-CN': '负责' },
}

export function isMeaning(value: unknown): value is SignatureMeaning {
  return typeof value === 'string' && (MEANINGS as readonly string[]).includes(value)
}
