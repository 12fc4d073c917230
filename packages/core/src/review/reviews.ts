import { VeritrailError } from '../errors.js'
import type { JsonValue } from '../canonical/canonical-json.js'
import type { RecordTypeRegistry } from '../extension/record-type.js'
import type { Principal, SessionService } from '../identity/sessions.js'
import { uuidv7 } from '../ids.js'
import type { ActionContext } from '../ledger/context.js'
import type { Entry, EntryDraft, Trail } from '../ledger/entry.js'
import type { Ledger } from '../ledger/ledger.js'
import type { SettingsService } from '../settings/settings.js'
import { linkedRecords } from '../records/link-targets.js'
import { authoredInScope, findingsOf, listReviews, recordSeqRange, reviewById, scopeEntries, type FindingRow, type ReviewRow, type ScopeRecord } from '../store/queries/reviews.js'
import { databaseFile } from '../store/libsql/connect.js'
import type { StoreReads } from '../store/types.js'
import { createRuleContext } from './rules/context.js'
import { startRuleRun, type PackedRule, type RuleError, type StampedFinding } from './rules/engine.js'
import { evaluateScope } from './rules/scope.js'
import { entryColour, type EntryColour } from './colour.js'
import { sampleSeqs } from './sample.js'
import { coverageInWorker, reviewCoverage, type CoverageRow } from './coverage.js'

/** From this many entries, coverage is counted in a worker (~0.3 s of counting per 100k). */
const COVERAGE_IN_WORKER = 50_000

export type ReviewScopeInput = { recordType?: unknown; recordId?: unknown; trail?: unknown; from?: unknown; to?: unknown; sample?: unknown }

export interface ReviewView {
  id: string
  scope: JsonValue
  ranges: { trail: Trail; from: number; to: number }[]
  entryCount: number
  findings: FindingView[]
  ruleErrors?: { rule: string; message: string }[]
  sample?: { seed: number; seqs: number[] }
  openedBy: string
  openedAt: string
  completed?: { conclusion: string; reviewerId: string; ts: string; seq: number }
}

export interface FindingView {
  id: string
  seq: number
  trail: string
  rule: { id: string; version: string; pack: string; packHash: string }
  severity: 'info' | 'warning' | 'critical'
  message: string
  resolution?: { note: string; reference: string | null; ts: string }
}

const PAGE = 200

/**
 * Review by exception (CONTRACT §6, R-RV-*): a review is opened over one record and the records
 * it links, or over a trail and a period frozen to the sequence range that exists when it opens;
 * the enabled exception rules run over it; each finding names its rule, version, pack and pack
 * hash. A reviewer who authored any entry in scope is refused (403). Completion needs the
 * reviewer's password, resolutions for every critical finding, and writes a signed `review`
 * entry to the data trail.
 */
export class ReviewService {
  constructor(
    private readonly ledger: Ledger,
    private readonly reads: StoreReads,
    private readonly registry: RecordTypeRegistry,
    private readonly sessions: SessionService,
    private readonly settings: SettingsService,
    private readonly rules: () => PackedRule[] | Promise<PackedRule[]>,
    /** The database URL, so a worker can read a large scope ahead of the rules. */
    private readonly databaseUrl?: string,
  ) {}

  async open(input: ReviewScopeInput, principal: Principal, ctx: ActionContext): Promise<ReviewView> {
    const frozen = await this.#freeze(input)
    if (await authoredInScope(this.reads.sql, principal.account.id, { trail: frozen.range.trail, from: frozen.range.from, to: frozen.range.to, ...(frozen.records ? { records: frozen.records } : {}) })) {
      await this.sessions.recordRefusal(ctx, { action: 'review_open', reason: 'reviewer authored entries in scope' })
      throw new VeritrailError('segregation_of_duties', 'You created or changed entries in this scope, so you cannot review it: ask an independent reviewer.')
    }
    const settings = await this.settings.get()
    const ruleSettings = { workingHours: settings.site.workingHours, ...(settings.site.timeZone ? { timeZone: settings.site.timeZone } : { timeZone: this.ledger.timeZone() }) }
    const rules = await this.rules()
    let result: { entryCount: number; findings: StampedFinding[]; errors: RuleError[] }
    if (frozen.records) {
      const run = startRuleRun(rules, createRuleContext(this.reads, { trail: 'data', settings: ruleSettings }))
      let after = 0
      let count = 0
      for (;;) {
        const page = await scopeEntries(this.reads.sql, { ...frozen.range, records: frozen.records }, after, 5000)
        if (page.length === 0) break
        await run.feed(page.map((p) => JSON.parse(p.bytes) as Entry))
        count += page.length
        after = page.at(-1)!.seq
      }
      result = { ...(await run.finish()), entryCount: count }
    } else {
      result = await evaluateScope(this.reads, {
        trail: frozen.range.trail, fromSeq: frozen.range.from, toSeq: frozen.range.to, rules, settings: ruleSettings,
        // Another connection sees the same data only for a database file.
        ...(this.databaseUrl && databaseFile(this.databaseUrl) ? { database: this.databaseUrl } : {}),
      })
    }
    const id = uuidv7()
    const seed = frozen.sample ? Math.floor(Math.random() * 2 ** 31) : null
    const locale = settings.site.locale
    // The rows as stored; the view of the opened review is made from them, not read back.
    const review = { id, scope: JSON.stringify(frozen.scope), ranges: JSON.stringify([frozen.range]), entryCount: result.entryCount, sampleSeed: seed, openedBy: principal.account.id }
    const stored = result.findings.map((f) => ({
      id: uuidv7(), trail: f.trail, entrySeq: f.seq, ruleId: f.rule.id, ruleVersion: f.rule.version, pack: f.rule.pack, packHash: f.rule.packHash,
      severity: f.severity, message: f.message[locale], details: f.details ? JSON.stringify(f.details) : null,
    }))
    const entry: EntryDraft = {
      trail: 'system',
      actor: ctx.actor,
      action: 'review_open',
      correlationId: ctx.correlationId,
      client: ctx.client,
      details: { reviewId: id, scope: frozen.scope, entries: result.entryCount, findings: stored.length, critical: stored.filter((f) => f.severity === 'critical').length },
    }
    if (ctx.session) entry.session = ctx.session
    const opened = await this.ledger.commit(async () => ({
      entries: [entry],
      rows: ([c]) => ({
        reviews: [{ ...review, seq: c!.seq, ts: c!.ts }],
        reviewFindings: stored.map((f) => ({ ...f, reviewId: id })),
      }),
      result: ([c]) => ({ seq: c!.seq, ts: c!.ts }),
    }))
    // The view of what was just stored, in the order `get` reads it back (seq, then id).
    const findingRows: FindingRow[] = stored
      .map((f) => ({ ...f, resolution: null }))
      .sort((a, b) => a.entrySeq - b.entrySeq || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    const view = this.#view({ ...review, ...opened, completion: null }, findingRows)
    return result.errors.length ? { ...view, ruleErrors: result.errors.map((e) => ({ rule: e.rule.id, message: e.message })) } : view
  }

  /**
   * How many entries per trail and record type no completed review covers (R-RV-06). It counts
   * every entry, so a large database is counted by a worker on its own connection: the server
   * keeps answering meanwhile.
   */
  async coverage(): Promise<CoverageRow[]> {
    const url = this.databaseUrl && databaseFile(this.databaseUrl) ? this.databaseUrl : undefined
    if (!url) return reviewCoverage(this.reads.sql)
    const [data, system] = await Promise.all([this.reads.trailSize('data'), this.reads.trailSize('system')])
    const size = data + system
    return size < COVERAGE_IN_WORKER ? reviewCoverage(this.reads.sql) : coverageInWorker(url)
  }

  async get(id: string): Promise<ReviewView> {
    const row = await reviewById(this.reads.sql, id)
    if (!row) throw new VeritrailError('not_found', `There is no review ${id}.`)
    return this.#view(row, await findingsOf(this.reads.sql, id))
  }

  async list(limit = 100): Promise<Omit<ReviewView, 'findings'>[]> {
    return (await listReviews(this.reads.sql, limit)).map((r) => {
      const { findings: _f, ...rest } = this.#view(r, [])
      return rest
    })
  }

  /** The entries in scope, paged, each with its review-by-exception colour. */
  async entries(id: string, cursor: unknown): Promise<{ entries: { seq: number; colour: EntryColour; findings: string[]; entry: Entry }[]; nextCursor: string | null }> {
    const row = await reviewById(this.reads.sql, id)
    if (!row) throw new VeritrailError('not_found', `There is no review ${id}.`)
    const after = typeof cursor === 'string' && /^\d{1,15}$/.test(cursor) ? Number(cursor) : 0
    const scope = JSON.parse(row.scope) as { records?: ScopeRecord[] }
    const range = (JSON.parse(row.ranges) as { trail: Trail; from: number; to: number }[])[0]!
    const page = await scopeEntries(this.reads.sql, { ...range, ...(scope.records ? { records: scope.records } : {}) }, after, PAGE + 1)
    const findings = await findingsOf(this.reads.sql, id)
    const bySeq = new Map<number, string[]>()
    for (const f of findings) bySeq.set(f.entrySeq, [...(bySeq.get(f.entrySeq) ?? []), f.id])
    const list = page.slice(0, PAGE).map((p) => {
      const entry = JSON.parse(p.bytes) as Entry
      const ids = bySeq.get(p.seq) ?? []
      const flagged = findings.some((f) => f.entrySeq === p.seq && f.severity === 'critical')
      return { seq: p.seq, colour: entryColour(entry, this.registry, flagged), findings: ids, entry: { ...entry, leafHash: Buffer.from(p.leafHash).toString('base64') } as Entry }
    })
    return { entries: list, nextCursor: page.length > PAGE ? String(list.at(-1)!.seq) : null }
  }

  async complete(
    id: string,
    input: { conclusion?: unknown; resolutions?: unknown; password?: unknown; username?: unknown; meaning?: unknown },
    principal: Principal,
    ctx: ActionContext,
  ): Promise<ReviewView> {
    const row = await reviewById(this.reads.sql, id)
    if (!row) throw new VeritrailError('not_found', `There is no review ${id}.`)
    if (row.completion) throw new VeritrailError('conflict', `This review was completed on ${row.completion.ts}.`)
    const conclusion = typeof input.conclusion === 'string' ? input.conclusion.trim() : ''
    if (conclusion.length < 3 || conclusion.length > 5000) {
      throw new VeritrailError('validation_failed', 'Write the conclusion of the review (3–5,000 characters).', { errors: [{ path: 'conclusion', message: 'Required.' }] })
    }
    if (input.meaning !== undefined && input.meaning !== 'review') {
      throw new VeritrailError('validation_failed', 'A review is signed with the meaning “review”.', { errors: [{ path: 'meaning', message: 'Must be review.' }] })
    }
    const resolutions = parseResolutions(input.resolutions)
    const scope = JSON.parse(row.scope) as { records?: ScopeRecord[]; recordType?: string; recordId?: string }
    const range = (JSON.parse(row.ranges) as { trail: Trail; from: number; to: number }[])[0]!
    if (await authoredInScope(this.reads.sql, principal.account.id, { ...range, ...(scope.records ? { records: scope.records } : {}) })) {
      await this.sessions.recordRefusal(ctx, { action: 'review', reviewId: id, reason: 'reviewer authored entries in scope' })
      throw new VeritrailError('segregation_of_duties', 'You created or changed entries in this scope, so you cannot complete its review.')
    }
    const findings = await findingsOf(this.reads.sql, id)
    const known = new Set(findings.map((f) => f.id))
    const unknown = resolutions.filter((r) => !known.has(r.findingId))
    if (unknown.length > 0) throw new VeritrailError('validation_failed', `Finding ${unknown[0]!.findingId} is not part of this review.`, { errors: [{ path: 'resolutions', message: 'Unknown finding.' }] })
    const resolved = new Set([...findings.filter((f) => f.resolution).map((f) => f.id), ...resolutions.map((r) => r.findingId)])
    const open = findings.filter((f) => f.severity === 'critical' && !resolved.has(f.id))
    if (open.length > 0) {
      throw new VeritrailError('conflict', `${open.length} critical finding(s) are not resolved; resolve each one (a note, and a deviation or CAPA number where one was raised) before completing.`, { details: { openCritical: open.map((f) => f.id) } })
    }
    const markSession = await this.sessions.checkSigner(principal, { username: input.username, password: input.password }, ctx)
    const target = scope.recordType && scope.recordId ? await this.reads.recordVersion(scope.recordType, scope.recordId) : null
    const counts = { findings: findings.length, critical: findings.filter((f) => f.severity === 'critical').length }
    await this.ledger.commit(async (tx) => {
      // Checked again in the writer transaction: of two concurrent completions one wins.
      const current = await reviewById(tx.sql, id)
      if (current?.completion) throw new VeritrailError('conflict', `This review was completed on ${current.completion.ts}.`)
      await markSession(tx)
      const entry: EntryDraft = {
        trail: 'data',
        actor: ctx.actor,
        action: 'review',
        correlationId: ctx.correlationId,
        client: ctx.client,
        details: {
          reviewId: id,
          scope: JSON.parse(row.scope) as JsonValue,
          ranges: [range] as unknown as JsonValue,
          entries: row.entryCount,
          ...counts,
          conclusion,
          signature: { meaning: 'review', signer: principal.account.displayName, username: principal.account.username },
        },
      }
      if (target) entry.target = { type: target.recordType, typeVersion: target.typeVersion, id: target.recordId, version: target.version }
      if (ctx.session) entry.session = ctx.session
      return {
        entries: [entry],
        rows: ([c]) => ({
          findingResolutions: resolutions.map((r) => ({ findingId: r.findingId, note: r.note, reference: r.reference ?? null, actorId: principal.account.id, seq: c!.seq, ts: c!.ts })),
          reviewCompletions: [{ reviewId: id, conclusion, reviewerId: principal.account.id, signatureId: null, seq: c!.seq, ts: c!.ts }],
        }),
        result: () => undefined,
      }
    })
    return this.get(id)
  }

  async #freeze(input: ReviewScopeInput): Promise<{ scope: JsonValue; range: { trail: Trail; from: number; to: number }; records?: ScopeRecord[]; sample?: number }> {
    const sample = typeof input.sample === 'number' && Number.isInteger(input.sample) && input.sample > 0 ? Math.min(input.sample, 1000) : undefined
    if (typeof input.recordType === 'string' && typeof input.recordId === 'string') {
      const type = this.registry.get(input.recordType)
      const current = await this.reads.recordVersion(input.recordType, input.recordId)
      if (!type || !current) throw new VeritrailError('not_found', `There is no ${input.recordType} record ${input.recordId} to review.`)
      const linked = current.data ? linkedRecords(type, JSON.parse(current.data)) : []
      const records: ScopeRecord[] = [{ type: input.recordType, id: input.recordId }, ...linked]
      const size = await this.reads.trailSize('data')
      const span = await recordSeqRange(this.reads.sql, records, size)
      return {
        scope: { recordType: input.recordType, recordId: input.recordId, linked: linked as unknown as JsonValue, records: records as unknown as JsonValue },
        range: { trail: 'data', from: span.from || 1, to: span.to || size },
        records,
        ...(sample ? { sample } : {}),
      }
    }
    const trail = input.trail ?? 'data'
    if (trail !== 'data' && trail !== 'system') throw new VeritrailError('validation_failed', 'A review scope is {recordType, recordId} or {trail, from, to}.', { errors: [{ path: 'scope', message: 'Give a record or a trail and period.' }] })
    const size = await this.reads.trailSize(trail)
    const from = await this.#bound(trail, input.from, 1, 'from')
    const to = Math.min(await this.#bound(trail, input.to, size, 'to'), size)
    if (size === 0 || from > to) throw new VeritrailError('validation_failed', `There are no ${trail} entries in that period.`, { errors: [{ path: 'scope.from', message: 'Empty period.' }] })
    return { scope: { trail, from: String(input.from ?? 1), to: String(input.to ?? size) }, range: { trail, from, to }, ...(sample ? { sample } : {}) }
  }

  /** A seq number, or the first seq at/after an ISO time (`to`: the last seq before it). */
  async #bound(trail: Trail, value: unknown, fallback: number, name: 'from' | 'to'): Promise<number> {
    if (value === undefined || value === null || value === '') return fallback
    if (typeof value === 'number' && Number.isInteger(value) && value >= 1) return value
    if (typeof value === 'string' && /^\d{1,15}$/.test(value)) return Number(value)
    if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) {
      const ts = new Date(Date.parse(value)).toISOString()
      const rows = await this.reads.sql.select(
        name === 'from' ? 'SELECT coalesce(min(seq), 0) FROM entries WHERE trail = ? AND ts >= ?' : 'SELECT coalesce(max(seq), 0) FROM entries WHERE trail = ? AND ts < ?',
        [trail, ts],
      )
      const seq = Number(rows[0]![0])
      return name === 'from' ? seq || Number.MAX_SAFE_INTEGER : seq
    }
    throw new VeritrailError('validation_failed', `\`${name}\` is a sequence number or an ISO 8601 time.`, { errors: [{ path: `scope.${name}`, message: 'A seq or an ISO time.' }] })
  }

  #view(row: ReviewRow, findings: FindingRow[]): ReviewView {
    const ranges = JSON.parse(row.ranges) as ReviewView['ranges']
    const view: ReviewView = {
      id: row.id,
      scope: JSON.parse(row.scope) as JsonValue,
      ranges,
      entryCount: row.entryCount,
      findings: findings.map((f) => ({
        id: f.id, seq: f.entrySeq, trail: f.trail, rule: { id: f.ruleId, version: f.ruleVersion, pack: f.pack, packHash: f.packHash },
        severity: f.severity as FindingView['severity'], message: f.message,
        ...(f.resolution ? { resolution: { note: f.resolution.note, reference: f.resolution.reference, ts: f.resolution.ts } } : {}),
      })),
      openedBy: row.openedBy,
      openedAt: row.ts,
    }
    if (row.sampleSeed !== null) view.sample = { seed: row.sampleSeed, seqs: sampleSeqs(row.sampleSeed, ranges[0]!.from, ranges[0]!.to, Math.min(25, row.entryCount)) }
    if (row.completion) view.completed = row.completion
    return view
  }
}

function parseResolutions(value: unknown): { findingId: string; note: string; reference?: string }[] {
  if (value === undefined) return []
  if (!Array.isArray(value)) throw new VeritrailError('validation_failed', 'resolutions is a list of {findingId, note, reference?}.', { errors: [{ path: 'resolutions', message: 'Expected a list.' }] })
  return value.map((r, i) => {
    const item = r as { findingId?: unknown; note?: unknown; reference?: unknown }
    if (typeof item.findingId !== 'string' || typeof item.note !== 'string' || item.note.trim() === '') {
      throw new VeritrailError('validation_failed', `Resolution ${i + 1} needs the finding id and a note.`, { errors: [{ path: `resolutions[${i}]`, message: 'findingId and note are required.' }] })
    }
    return { findingId: item.findingId, note: item.note.trim(), ...(typeof item.reference === 'string' && item.reference.trim() ? { reference: item.reference.trim() } : {}) }
  })
}
