import type { MessageKey } from '../i18n/en.ts'
import { t } from '../i18n/i18n.ts'
import { durationParts, type DurationUnit } from './backup-series.ts'

/** Message of each unit, `{n} h` / `{n} 小时`. */
export const UNIT_MESSAGES: Record<DurationUnit, MessageKey> = {
  d: 'unitDays',
  h: 'unitHours',
  min: 'unitMinutes',
  s: 'unitSeconds',
}

/** `3 h 12 min` / `3 小时 12 分钟`. */
export function durationText(ms: number): string {
  return durationParts(ms)
    .map((p) => t(UNIT_MESSAGES[p.unit], { n: p.n }))
    .join(' ')
}
