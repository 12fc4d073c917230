import { VeritrailError } from '../../errors.js'
import {
  isExceptionRule,
  type CodeRule,
  type ExceptionRule,
  type Finding,
  type RuleContext,
  type SeqRange,
  type Severity,
} from '../../extension/exception-rule.js'
import type { LocalizedText } from '../../extension/i18n.js'
import type { Entry } from '../../ledger/entry.js'
import type { JsonValue } from '../../canonical/canonical-json.js'
import { DeclarativeEvaluator, type DeclarativeMatch } from './declarative/evaluate.js'
import { labelTargets, renderMatch } from './declarative/render.js'
import { checkFinding } from './findings.js'
import { prepareBatch, prepareLabels } from './prepare.js'
import { prepareEntries, type PreparedEntry } from './prepared.js'

/**
 * Marks a code rule that runs somewhere else (the plugin host's sandboxes): `process` asks this
 * run's context for every query; `worker` rebuilds the context and reads the database itself, so
 * nothing is prefetched here for it. Either is started before the in-process rules of a batch,
 * so both work at once.
 */
export const RUNS_IN = Symbol.for('veritrail.rule.runsIn')

/** Where a code rule runs; undefined for a declarative rule. */
function runsIn(rule: ExceptionRule): 'here' | 'process' | 'worker' | undefined {
  if (rule.kind !== 'code') return undefined
  const where = (rule as unknown as Record<symbol, unknown>)[RUNS_IN]
  return where === 'process' || where === 'worker' ? where : 'here'
}

/** A rule with the pack it came from: the id and manifest hash the caller verified when loading. */
export interface PackedRule {
  readonly rule: ExceptionRule
  readonly pack: string
  readonly packHash: string
}

/** What produced a finding (R-RV-05: every output names the definition version). */
export interface RuleStamp {
  id: string
  version: string
  pack: string
  packHash: string
}

/** A finding as stored with a review: severity resolved, rule stamped. */
export interface StampedFinding {
  seq: number
  trail: Finding['trail']
  severity: Severity
  message: LocalizedText
  details?: { [key: string]: JsonValue }
  rule: RuleStamp
}

/** A rule that failed: its findings for `ranges` are missing, which the reviewer must be told. */
export interface RuleError {
  rule: RuleStamp
  /** The first failure's message. */
  message: string
  ranges: SeqRange[]
}

export interface RuleRunResult {
  entryCount: number
  findings: StampedFinding[]
  errors: RuleError[]
  /** Milliseconds spent in each rule, by rule id (for a rule in a sandbox: until its findings came). */
  timings: Record<string, number>
}

/** A run over a scope fed batch by batch (window counts carry over between batches). */
export interface RuleRun {
  /** How far before the scope's first entry counting rules want to see entries. */
  readonly lookbackMinutes: number
  /** Whether the run's code rules consult history, so the context prefetches for each batch. */
  readonly prefetch: boolean
  /** Entries just before the scope: counted by window rules, never flagged. */
  lookback(entries: readonly Entry[]): Promise<void>
  /**
   * One batch of entries of the context's trail, in seq order. Rules in a sandbox may still be
   * working on it when this resolves (they overlap the next batch): `finish` waits for them.
   */
  feed(batch: readonly Entry[]): Promise<void>
  /** Waits for rules still working elsewhere, then answers `result()`. */
  finish(): Promise<RuleRunResult>
  /**
   * What the rules found so far.
   *
   * @throws VeritrailError `internal` while rules in a sandbox are still working: use `finish`.
   */
  result(): RuleRunResult
}

/** The entries of a batch with one of some actions, in seq order; one list per set of actions. */
function byAction(prepared: readonly PreparedEntry[]): (actions: ReadonlySet<string>) => readonly PreparedEntry[] {
  const lists = new Map<ReadonlySet<string>, PreparedEntry[]>()
  return (actions) => {
    let list = lists.get(actions)
    if (!list) {
      list = prepared.filter((p) => actions.has(p.entry.action))
      lists.set(actions, list)
    }
    return list
  }
}

/** Pairs a pack's rules with the pack id and manifest hash. */
export function packRules(pack: string, packHash: string, rules: readonly ExceptionRule[]): PackedRule[] {
  return rules.map((rule) => ({ rule, pack, packHash }))
}

function stamp(p: PackedRule): RuleStamp {
  return { id: p.rule.meta.id, version: p.rule.meta.version, pack: p.pack, packHash: p.packHash }
}

function checkRules(rules: readonly PackedRule[]): void {
  const seen = new Set<string>()
  for (const p of rules) {
    if (!isExceptionRule(p.rule)) {
      throw new VeritrailError('validation_failed', `A rule of pack “${p.pack}” was not made by defineRule or defineDeclarativeRule.`)
    }
    if (seen.has(p.rule.meta.id)) {
      throw new VeritrailError('validation_failed', `Two rules have the id “${p.rule.meta.id}”; a rule id may be used once per review.`)
    }
    seen.add(p.rule.meta.id)
  }
}

/**
 * Starts a run of `rules` with `ctx`. Each batch is prepared once (record types, prefetch), then
 * every rule sees it; a rule that throws or returns an invalid finding is recorded as an error
 * against its id for that batch's seq range, and the other rules go on. Entries are shared by
 * the rules of a run: code rules must treat them as read-only (in-process rules are first-party;
 * the plugin host runs other code in a sandbox, on copies).
 *
 * @throws VeritrailError `validation_failed` for an untagged rule or a duplicate rule id.
 */
export function startRuleRun(rules: readonly PackedRule[], ctx: RuleContext): RuleRun {
  checkRules(rules)
  const declarative = new Map(
    rules.flatMap((p) => (p.rule.kind === 'declarative' ? [[p, new DeclarativeEvaluator(p.rule, ctx.settings)] as const] : [])),
  )
  // Only code rules consult history through the context; declarative ones need no prefetch, nor
  // do rules in a worker (it prefetches for itself).
  const prefetch = rules.some((p) => runsIn(p.rule) === 'here' || runsIn(p.rule) === 'process')
  const found: { finding: StampedFinding; order: number }[] = []
  const errors = new Map<PackedRule, RuleError>()
  const timings: Record<string, number> = Object.fromEntries(rules.map((p) => [p.rule.meta.id, 0]))
  const stamps = new Map(rules.map((p) => [p, Object.freeze(stamp(p))]))
  // Code rules that declare the actions they look at get those entries only; rules declaring the
  // same actions share one list (and a sandbox is sent it once).
  const looksAt = new Map<PackedRule, string>()
  const actionSets = new Map<string, ReadonlySet<string>>()
  for (const p of rules) {
    if (p.rule.kind !== 'code' || !p.rule.meta.actions) continue
    const k = [...new Set(p.rule.meta.actions)].sort().join(' ')
    looksAt.set(p, k)
    actionSets.set(k, new Set(p.rule.meta.actions))
  }
  let entryCount = 0
  /** The sandboxed rules of the last batch, still running. */
  let pending: Promise<unknown> | undefined
  const result = (): RuleRunResult => {
    if (pending) throw new VeritrailError('internal', 'Rules in a sandbox are still evaluating the last batch: await finish() instead.')
    const sorted = [...found].sort((a, b) => a.finding.seq - b.finding.seq || a.order - b.order)
    return { entryCount, findings: sorted.map((f) => f.finding), errors: [...errors.values()], timings }
  }

  const fail = (p: PackedRule, range: SeqRange, message: string) => {
    const error = errors.get(p)
    if (!error) return void errors.set(p, { rule: stamp(p), message, ranges: [range] })
    const last = error.ranges.at(-1)!
    if (last.trail === range.trail && last.to + 1 >= range.from) last.to = Math.max(last.to, range.to)
    else error.ranges.push(range)
  }

  return {
    lookbackMinutes: Math.max(0, ...[...declarative.values()].map((d) => d.lookbackMinutes)),
    prefetch,
    async lookback(entries) {
      if (entries.length === 0 || declarative.size === 0) return
      const prepared = await prepareEntries(entries, ctx)
      for (const d of declarative.values()) d.lookback(prepared)
    },
    async feed(batch) {
      if (batch.length === 0) return
      if (batch.some((e) => e.trail !== ctx.trail)) {
        throw new VeritrailError('validation_failed', `A batch for the ${ctx.trail} trail holds entries of another trail.`)
      }
      entryCount += batch.length
      const range: SeqRange = { trail: ctx.trail, from: batch[0]!.seq, to: batch.at(-1)!.seq }
      const attempt = async (p: PackedRule, order: number, run: () => Finding[] | Promise<Finding[]>) => {
        const started = performance.now()
        try {
          for (const f of await run()) {
            const { severity, ...rest } = f
            found.push({ finding: { ...rest, severity: severity ?? p.rule.meta.severity, rule: stamps.get(p)! }, order })
          }
        } catch (error) {
          fail(p, range, error instanceof Error ? error.message : String(error))
        } finally {
          timings[p.rule.meta.id]! += performance.now() - started
        }
      }
      let seqs: Set<number> | undefined
      const subsets = new Map<string, readonly Entry[]>()
      const entriesFor = (p: PackedRule): readonly Entry[] => {
        const k = looksAt.get(p)
        if (k === undefined) return batch
        let list = subsets.get(k)
        if (!list) {
          const actions = actionSets.get(k)!
          subsets.set(k, (list = batch.filter((e) => actions.has(e.action))))
        }
        return list
      }
      const code = async (p: PackedRule, order: number) => {
        const entries = entriesFor(p)
        if (entries.length === 0) return
        const rule = p.rule as CodeRule
        await attempt(p, order, async () => {
          const returned: unknown = await rule.evaluate(entries, ctx)
          if (!Array.isArray(returned)) throw new Error('evaluate must return an array of findings')
          seqs ??= new Set(batch.map((e) => e.seq))
          for (const f of returned) {
            const problem = checkFinding(f, seqs, ctx.trail)
            if (problem) throw new Error(`it returned an invalid finding: ${problem}`)
          }
          return returned as Finding[]
        })
      }
      if (prefetch) await prepareBatch(ctx, batch)
      // Rules in a sandbox start first and run while the rest are evaluated here.
      const elsewhere = rules.flatMap((p, order) => (runsIn(p.rule) === 'process' || runsIn(p.rule) === 'worker' ? [code(p, order)] : []))
      // Declarative rules: match every rule first, then load the names of the records flagged in
      // one go, then word the findings.
      const prepared = declarative.size > 0 ? await prepareEntries(batch, ctx) : []
      const candidates = byAction(prepared)
      const matched: { p: PackedRule; order: number; evaluator: DeclarativeEvaluator; matches: DeclarativeMatch[] }[] = []
      for (const [order, p] of rules.entries()) {
        const evaluator = declarative.get(p)
        if (!evaluator || (evaluator.trails && !evaluator.trails.has(ctx.trail))) continue
        const entries = evaluator.actions ? candidates(evaluator.actions) : prepared
        await attempt(p, order, () => (matched.push({ p, order, evaluator, matches: evaluator.evaluate(entries) }), []))
      }
      await prepareLabels(ctx, matched.flatMap(({ evaluator, matches }) => labelTargets(evaluator.rule, matches)))
      for (const { p, order, evaluator, matches } of matched) {
        await attempt(p, order, async () => {
          const findings: Finding[] = []
          for (const match of matches) findings.push(await renderMatch(evaluator.rule, match, ctx))
          return findings
        })
      }
      for (const [order, p] of rules.entries()) {
        if (runsIn(p.rule) === 'here') await code(p, order)
      }
      // The sandboxes go on with this batch while the next one is evaluated here; one batch at
      // most is left behind.
      const previous = pending
      pending = elsewhere.length > 0 ? Promise.all(elsewhere) : undefined
      await previous
    },
    async finish() {
      await pending
      pending = undefined
      return result()
    },
    result,
  }
}

/**
 * Runs rules over entries of one trail (in seq order) in batches of `batchSize` (default 1,000).
 * `lookback`: entries just before these, which counting rules see but never flag.
 *
 * @example
 * const result = await runRules(packRules('@veritrail/plugin-gmp-rules', hash, gmpRules), entries, ctx)
 * for (const f of result.findings) console.log(f.seq, f.severity, f.message.en)
 */
export async function runRules(
  rules: readonly PackedRule[],
  entries: readonly Entry[],
  ctx: RuleContext,
  options: { batchSize?: number; lookback?: readonly Entry[] } = {},
): Promise<RuleRunResult> {
  const size = Math.max(1, options.batchSize ?? 1000)
  const run = startRuleRun(rules, ctx)
  if (options.lookback) await run.lookback(options.lookback)
  for (let i = 0; i < entries.length; i += size) await run.feed(entries.slice(i, i + size))
  return run.finish()
}
