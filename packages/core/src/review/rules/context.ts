import type { JsonValue } from '../../canonical/canonical-json.js'
import type {
  OtherTrailFilter,
  RuleContext,
  RuleRecordVersion,
  RuleReview,
  RuleSettings,
  RuleSignature,
  StoredRecordType,
} from '../../extension/exception-rule.js'
import type { LocalizedText } from '../../extension/i18n.js'
import type { Entry, EntryTarget, Trail } from '../../ledger/entry.js'
import * as q from '../../store/queries/review.js'
import type { ReadExecutor, StoreReads } from '../../store/types.js'
import { PREPARE, PREPARE_LABELS, type PreparableContext } from './prepare.js'
import { indexReviews, reviewCoversSeq, type ReviewIndex } from './review-index.js'
import { ruleSettings } from './settings.js'
import { recordLabel } from './text.js'

/** How to build a rule context. */
export interface RuleContextOptions {
  /** The trail whose entries the rules evaluate; `otherTrail` reads the other one. */
  trail: Trail
  /** Site zone override and working hours (default 07:00–19:00, Monday to Friday). */
  settings?: Partial<RuleSettings>
}

/**
 * The rule context over the real database: every query is a SELECT through `reads.sql`. Before
 * each batch the engine lets it load in bulk the signatures (and, for reviewed records, the
 * versions) of every record the batch changes, and before wording findings the data naming the
 * records flagged; answers are then served from memory.
 *
 * @throws VeritrailError `validation_failed` for bad settings.
 * @example
 * const ctx = createRuleContext(core.store.read, { trail: 'data', settings: { timeZone: 'Asia/Shanghai' } })
 */
export function createRuleContext(reads: StoreReads, options: RuleContextOptions): RuleContext {
  return new DatabaseRuleContext(reads.sql, options.trail, ruleSettings(options.settings))
}

const CHANGING = new Set(['update', 'delete', 'transition', 'ingest'])
const MAX_CACHED = 20_000

const key = (type: string, id: string) => `${type}\u0000${id}`
const labelKey = (t: EntryTarget) => `${t.type}\u0000${t.id}\u0000${t.version}`

/** The data fields a summary template such as `{batchNumber} · {product}` shows. */
function summaryFields(summary: string | undefined): string[] {
  return summary ? [...summary.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!) : []
}

class DatabaseRuleContext implements PreparableContext {
  readonly #types = new Map<string, Promise<StoredRecordType | undefined>>()
  /** Versions without data (of reviewed records), and signatures, of records the batches change. */
  readonly #meta = new Map<string, q.VersionMeta[]>()
  readonly #signatures = new Map<string, q.SignatureRow[]>()
  /** The fields naming record versions (JSON), and whole histories asked for by rules. */
  readonly #labelData = new Map<string, string | null>()
  readonly #histories = new Map<string, RuleRecordVersion[]>()
  readonly #labels = new Map<string, LocalizedText>()
  #reviews: Promise<ReviewIndex> | undefined
  #signed: Promise<Set<string>> | undefined

  constructor(
    readonly db: ReadExecutor,
    readonly trail: Trail,
    readonly settings: RuleSettings,
  ) {}

  async [PREPARE](batch: readonly Entry[]): Promise<void> {
    if (this.trail !== 'data') return
    for (const cache of [this.#meta, this.#signatures, this.#labelData, this.#histories, this.#labels]) if (cache.size > MAX_CACHED) cache.clear()
    const changed = new Map<string, q.RecordKey>()
    for (const e of batch) if (e.target && CHANGING.has(e.action)) changed.set(key(e.target.type, e.target.id), { type: e.target.type, id: e.target.id })
    if (changed.size === 0) return
    // Versions matter only where a review completed before these entries could cover them.
    const last = batch.at(-1)!.seq
    const { byRecord, periods } = await this.#reviewIndex()
    const anyPeriod = periods.some((r) => r.completedSeq < last)
    const signatures: q.RecordKey[] = []
    const meta: q.RecordKey[] = []
    const signed = await this.#signedRecords()
    for (const [k, r] of changed) {
      if (!this.#signatures.has(k) && signed.has(k)) signatures.push(r)
      else if (!signed.has(k)) this.#signatures.set(k, [])
      if (!this.#meta.has(k) && (anyPeriod || byRecord.get(k)?.some((review) => review.completedSeq < last))) meta.push(r)
    }
    await this.#loadSignatures(signatures)
    await this.#loadMeta(meta)
  }

  async [PREPARE_LABELS](targets: readonly EntryTarget[]): Promise<void> {
    const wanted = new Map<string, Map<string, { id: string; version: number }>>()
    for (const t of targets) {
      if (this.#labelData.has(labelKey(t))) continue
      const byType = wanted.get(`${t.type}@${t.typeVersion}`) ?? new Map()
      byType.set(labelKey(t), { id: t.id, version: t.version })
      wanted.set(`${t.type}@${t.typeVersion}`, byType)
    }
    for (const [typeKey, versions] of wanted) {
      const [typeId, typeVersion] = typeKey.split('@') as [string, string]
      const fields = summaryFields((await this.recordType(typeId, typeVersion))?.summary)
      const found = fields.length === 0 ? new Map<string, string | null>() : await q.versionFields(this.db, typeId, fields, [...versions.values()])
      for (const [k, v] of versions) this.#labelData.set(k, found.get(`${v.id}\u0000${v.version}`) ?? null)
    }
  }

  async #loadSignatures(records: q.RecordKey[]): Promise<void> {
    if (records.length === 0) return
    const rows = await q.signaturesOf(this.db, records)
    for (const r of records) this.#signatures.set(key(r.type, r.id), [])
    for (const row of rows) this.#signatures.get(key(row.recordType, row.recordId))!.push(row)
  }

  async #loadMeta(records: q.RecordKey[]): Promise<void> {
    if (records.length === 0) return
    const rows = await q.versionMetaOf(this.db, records)
    for (const r of records) this.#meta.set(key(r.type, r.id), [])
    for (const row of rows) this.#meta.get(key(row.recordType, row.recordId))!.push(row)
  }

  async #versionMeta(type: string, id: string): Promise<q.VersionMeta[]> {
    const k = key(type, id)
    if (!this.#meta.has(k)) await this.#loadMeta([{ type, id }])
    return this.#meta.get(k)!
  }

  async #signaturesOf(type: string, id: string): Promise<q.SignatureRow[]> {
    const k = key(type, id)
    if (!this.#signatures.has(k)) await this.#loadSignatures([{ type, id }])
    return this.#signatures.get(k)!
  }

  /** Records with any signature, loaded once: most records have none, and need no query. */
  #signedRecords(): Promise<Set<string>> {
    this.#signed ??= q.signedRecords(this.db).then((rows) => new Set(rows.map((r) => key(r.type, r.id))))
    return this.#signed
  }

  #reviewIndex(): Promise<ReviewIndex> {
    this.#reviews ??= q.completedReviews(this.db).then(indexReviews)
    return this.#reviews
  }

  async earlierEntries(recordType: string, recordId: string, beforeSeq: number, options: { limit?: number } = {}): Promise<Entry[]> {
    const rows = await q.recordEntries(this.db, this.trail, { type: recordType, id: recordId }, beforeSeq, options.limit ?? 1000)
    return rows.map((bytes) => JSON.parse(bytes) as Entry)
  }

  async otherTrail(fromTs: string, toTs: string, filter: OtherTrailFilter = {}): Promise<Entry[]> {
    const other: Trail = this.trail === 'data' ? 'system' : 'data'
    const rows = await q.entriesBetween(this.db, other, fromTs, toTs, {
      ...(filter.actions ? { actions: filter.actions } : {}),
      ...(filter.actorId ? { actorId: filter.actorId } : {}),
      limit: Math.min(filter.limit ?? 10_000, 100_000),
    })
    return rows.map((bytes) => JSON.parse(bytes) as Entry)
  }

  async recordVersions(recordType: string, recordId: string, options: { data?: boolean } = {}): Promise<RuleRecordVersion[]> {
    if (options.data === false) {
      return (await this.#versionMeta(recordType, recordId)).map(({ recordType: _t, recordId: _i, ...v }) => v)
    }
    const k = key(recordType, recordId)
    let history = this.#histories.get(k)
    if (!history) {
      history = (await q.versionsOf(this.db, [{ type: recordType, id: recordId }])).map((row) => ({
        version: row.version,
        typeVersion: row.typeVersion,
        data: row.data === null ? null : (JSON.parse(row.data) as { [key: string]: JsonValue }),
        deleted: row.deleted,
        seq: row.seq,
        ts: row.ts,
        actorId: row.actorId,
      }))
      this.#histories.set(k, history)
    }
    return history
  }

  async signatures(recordType: string, recordId: string, options: { atSeq?: number } = {}): Promise<RuleSignature[]> {
    const at = options.atSeq
    const standing = (s: q.SignatureRow) =>
      at === undefined ? s.withdrawnSeq === null : s.seq < at && (s.withdrawnSeq === null || s.withdrawnSeq >= at)
    return (await this.#signaturesOf(recordType, recordId)).filter(standing).map((s) => ({
      id: s.id,
      recordVersion: s.recordVersion,
      recordHash: s.recordHash,
      meaning: s.meaning,
      signer: { id: s.signerId, username: s.signerUsername, displayName: s.signerName, role: s.signerRole },
      ts: s.ts,
      tz: s.tz,
      seq: s.seq,
    }))
  }

  async completedReviews(recordType: string, recordId: string, options: { before?: number } = {}): Promise<RuleReview[]> {
    const { byRecord, periods } = await this.#reviewIndex()
    const before = options.before ?? Infinity
    const candidates = [...(byRecord.get(key(recordType, recordId)) ?? []), ...periods].filter((r) => r.completedSeq < before)
    if (candidates.length === 0) return []
    const seqs = (await this.#versionMeta(recordType, recordId)).map((row) => row.seq)
    return candidates.filter((r) => seqs.some((seq) => reviewCoversSeq(r, 'data', seq))).sort((a, b) => a.completedSeq - b.completedSeq)
  }

  recordType(id: string, version?: string): Promise<StoredRecordType | undefined> {
    const k = `${id}@${version ?? ''}`
    let hit = this.#types.get(k)
    if (!hit) {
      hit = q.storedRecordType(this.db, id, version).then((json) => (json === null ? undefined : (JSON.parse(json) as StoredRecordType)))
      this.#types.set(k, hit)
    }
    return hit
  }

  async recordLabel(target: EntryTarget): Promise<LocalizedText> {
    const k = labelKey(target)
    const known = this.#labels.get(k)
    if (known) return known
    if (!this.#labelData.has(k)) await this[PREPARE_LABELS]([target])
    const data = this.#labelData.get(k)
    const type = await this.recordType(target.type, target.typeVersion)
    const label = recordLabel(type, target, data ? (JSON.parse(data) as { [key: string]: JsonValue }) : undefined)
    this.#labels.set(k, label)
    return label
  }
}
