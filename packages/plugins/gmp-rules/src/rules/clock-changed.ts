import { defineDeclarativeRule, type DeclarativeRuleDefinition } from '@veritrail/core'

/** The server clock moved (the ledger records a clock that went backwards; R-RV-04: time changes). */
export const clockChanged = defineDeclarativeRule({
  meta: {
    id: 'gmp.clock-changed',
    version: '1.0.0',
    severity: 'critical',
    title: { en: 'Server clock changed', 'zh-CN': '服务器时钟被更改' },
    description: {
      en: 'The server clock changed, e.g. it went backwards against the last entry. Time stamps near this point may be wrong; the order of events is still given by sequence numbers.',
      'zh-CN': '服务器时钟发生变化，例如相对上一条记录向后回拨。此时间点附近的时间戳可能不准确；事件顺序仍以序号为准。',
    },
  },
  when: { trail: 'system', actions: ['clock_change'] },
  message: {
    en: 'The server clock changed at {time}: the last entry was stamped {details.previousEntryTs}, the clock then read {details.serverTs}. Check the order of events around this point; time stamps near it may be wrong.',
    'zh-CN': '服务器时钟于 {time} 发生变化：上一条记录的时间为 {details.previousEntryTs}，而时钟随后显示 {details.serverTs}。请核查此时间点前后事件的顺序，附近的时间戳可能不准确。',
  },
} satisfies DeclarativeRuleDefinition)
