import type { LocalizedText } from '@veritrail/core'

/**
 * A text in every locale Veritrail ships: English, then Simplified Chinese.
 *
 * @example
 * label('Batch number', '批号') // { en: 'Batch number', 'zh-CN': '批号' }
 */
export function label(en: string, zhCN: string): LocalizedText {
  return { en, 'zh-CN': zhCN }
}
