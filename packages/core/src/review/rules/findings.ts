import { SEVERITIES, type Finding } from '../../extension/exception-rule.js'
import type { Trail } from '../../ledger/entry.js'

/** Why a finding a code rule returned is unusable, or undefined when it is fine. */
export function checkFinding(value: unknown, seqs: ReadonlySet<number>, trail: Trail): string | undefined {
  if (typeof value !== 'object' || value === null) return 'a finding is an object'
  const f = value as Partial<Finding>
  if (f.trail !== trail) return `trail must be “${trail}”, the trail of the batch`
  if (typeof f.seq !== 'number' || !seqs.has(f.seq)) return `seq ${String(f.seq)} is not an entry of the batch`
  const m = f.message as Partial<Record<string, unknown>> | undefined
  if (typeof m?.en !== 'string' || m.en.trim() === '' || typeof m['zh-CN'] !== 'string' || m['zh-CN'].trim() === '') {
    return `the message of seq ${f.seq} needs an English and a Simplified Chinese text`
  }
  if (f.severity !== undefined && !SEVERITIES.includes(f.severity)) return `severity “${String(f.severity)}” is not info, warning or critical`
  if (f.details !== undefined && (typeof f.details !== 'object' || f.details === null || Array.isArray(f.details))) {
    return 'details must be an object'
  }
  return undefined
}
