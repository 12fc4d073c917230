import type { ReasonDialogText } from '@veritrail/ui'
import { t } from '../i18n/i18n.ts'

/** The reason dialog's words in the reader's language. */
export function reasonDialogText(overrides: Partial<ReasonDialogText> = {}): ReasonDialogText {
  return {
    title: t('reasonTitle'),
    intro: t('reasonIntro'),
    reason: t('reasonLabel'),
    choose: t('reasonChoose'),
    text: t('reasonText'),
    textHint: t('reasonTextHint'),
    confirm: t('reasonConfirm'),
    cancel: t('cancel'),
    needReason: t('reasonNeedReason'),
    needText: t('reasonNeedText'),
    ...overrides,
  }
}
