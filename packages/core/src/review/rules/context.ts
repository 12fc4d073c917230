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
import { coalesce } from './coalesce.js'
import {
  DATABASE,
  PREPARE,
  PREPARE_LABELS,
  PREPARED_FACTS,
  SEED_FACTS,
  type BatchEntry,
  type KeptSignature,
  type PreparableContext,
  type PreparedFacts,
} from './prepare.js'
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
/** Whole histories (with data) are large: the most recently used few are kept. */
const MAX_HISTORIES = 2_000

const key = (type: string, id: string) => `${type}\u0000${id}`
const labelKey = (t: EntryTarget) => `${t.type}\u0000${t.id}\u0000${t.version}`

/** The data fields a summary template such as `{batchNumber} · {product}` shows. */
function summaryFields(summary: string | undefined): string[] {
  return summary ? [...summary.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!) : []
}

class DatabaseRuleContext implements PreparableContext {
  readonly #db: ReadExecutor
  readonly #types = new Map<string, Promise<StoredRecordType | undefined>>()
  /**
   * Versions without data (of reviewed records), and signatures, of records the batches change,
   * as rules see them: rules ask once per entry, so the answers are made once and shared, frozen.
   */
  readonly #meta = new Map<string, readonly RuleRecordVersion[]>()
  readonly #signatures = new Map<string, readonly KeptSignature[]>()
  /** The fields naming record versions (JSON), and whole histories asked for by rules (by use). */
  readonly #labelData = new Map<string, string | null>()
  readonly #histories = new Map<string, Promise<RuleRecordVersion[]>>()
  readonly #labels = new Map<string, LocalizedText>()
  #reviews: Promise<ReviewIndex> | undefined
  #signed: Promise<Set<string>> | undefined

  constructor(
    db: ReadExecutor,
    readonly trail: Trail,
    readonly settings: RuleSettings,
  ) {
    this.#db = db
  }

  /** Whole histories, loaded together for the records asked for at once. */
  readonly #history = coalesce(
    (r: q.RecordKey) => key(r.type, r.id),
    async (records) => {
      const out = new Map<string, RuleRecordVersion[]>(records.map((r) => [key(r.type, r.id), []]))
      for (const row of await q.versionsOf(this.#db, records)) {
        out.get(key(row.recordType, row.recordId))?.push({
          version: row.version,
          typeVersion: row.typeVersion,
          data: row.data === null ? null : (JSON.parse(row.data) as { [key: string]: JsonValue }),
          deleted: row.deleted,
          seq: row.seq,
          ts: row.ts,
          actorId: row.actorId,
        })
      }
      return out
    },
    [],
  )

  /** Keeps each cache under MAX_CACHED, with room for `coming` more. */
  #trimCaches(coming = 0): void {
    for (const cache of [this.#meta, this.#signatures, this.#labelData, this.#labels]) if (cache.size + coming > MAX_CACHED) cache.clear()
  }

  /** The records a batch changes (whose signatures and versions its rules will ask for). */
  #changed(batch: readonly BatchEntry[]): Map<string, q.RecordKey> {
    const changed = new Map<string, q.RecordKey>()
    for (const e of batch) if (e.target && CHANGING.has(e.action)) changed.set(key(e.target.type, e.target.id), { type: e.target.type, id: e.target.id })
    return changed
  }

  async [PREPARE](batch: readonly BatchEntry[]): Promise<void> {
    if (this.trail !== 'data') return
    this.#trimCaches()
    const changed = this.#changed(batch)
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

  [DATABASE](): ReadExecutor {
    return this.#db
  }

  [PREPARED_FACTS](batch: readonly BatchEntry[]): PreparedFacts {
    const facts: PreparedFacts = { signatures: [], versionMeta: [] }
    for (const k of this.#changed(batch).keys()) {
      const signatures = this.#signatures.get(k)
      if (signatures?.length) facts.signatures.push([k, signatures])
      const meta = this.#meta.get(k)
      if (meta) facts.versionMeta.push([k, meta])
    }
    return facts
  }

  [SEED_FACTS](facts: PreparedFacts): void {
    this.#trimCaches(facts.signatures.length + facts.versionMeta.length)
    // Frozen as the answers this context makes itself: they are shared by every rule asking.
    for (const [k, list] of facts.signatures) {
      for (const kept of list) Object.freeze(Object.freeze(kept.signature).signer)
      this.#signatures.set(k, list)
    }
    for (const [k, list] of facts.versionMeta) this.#meta.set(k, list.map((v) => Object.freeze(v)))
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
      const found = fields.length === 0 ? new Map<string, string | null>() : await q.versionFields(this.#db, typeId, fields, [...versions.values()])
      for (const [k, v] of versions) this.#labelData.set(k, found.get(`${v.id}\u0000${v.version}`) ?? null)
    }
  }

  async #loadSignatures(records: q.RecordKey[]): Promise<void> {
    if (records.length === 0) return
    const rows = await q.signaturesOf(this.#db, records)
    const lists = new Map<string, KeptSignature[]>(records.map((r) => [key(r.type, r.id), []]))
    for (const s of rows) {
      const signer = Object.freeze({ id: s.signerId, username: s.signerUsername, displayName: s.signerName, role: s.signerRole })
      const signature = Object.freeze({ id: s.id, recordVersion: s.recordVersion, recordHash: s.recordHash, meaning: s.meaning, signer, ts: s.ts, tz: s.tz, seq: s.seq })
      lists.get(key(s.recordType, s.recordId))?.push({ signature, withdrawnSeq: s.withdrawnSeq })
    }
    for (const [k, list] of lists) this.#signatures.set(k, list)
  }

  async #loadMeta(records: q.RecordKey[]): Promise<void> {
    if (records.length === 0) return
    const rows = await q.versionMetaOf(this.#db, records)
    const lists = new Map<string, RuleRecordVersion[]>(records.map((r) => [key(r.type, r.id), []]))
    for (const { recordType, recordId, ...version } of rows) lists.get(key(recordType, recordId))?.push(Object.freeze(version))
    for (const [k, list] of lists) this.#meta.set(k, list)
  }

  async #versionMeta(type: string, id: string): Promise<readonly RuleRecordVersion[]> {
    const k = key(type, id)
    if (!this.#meta.has(k)) await this.#loadMeta([{ type, id }])
    return this.#meta.get(k)!
  }

  async #signaturesOf(type: string, id: string): Promise<readonly KeptSignature[]> {
    const k = key(type, id)
    if (!this.#signatures.has(k)) await this.#loadSignatures([{ type, id }])
    return this.#signatures.get(k)!
  }

  /** Records with any signature, loaded once: most records have none, and need no query. */
  #signedRecords(): Promise<Set<string>> {
    this.#signed ??= q.signedRecords(this.#db).then((rows) => new Set(rows.map((r) => key(r.type, r.id))))
    return this.#signed
  }

  #reviewIndex(): Promise<ReviewIndex> {
    this.#reviews ??= q.completedReviews(this.#db).then(indexReviews)
    return this.#reviews
  }

  async earlierEntries(recordType: string, recordId: string, beforeSeq: number, options: { limit?: number } = {}): Promise<Entry[]> {
    const rows = await q.recordEntries(this.#db, this.trail, { type: recordType, id: recordId }, beforeSeq, options.limit ?? 1000)
    return rows.map((bytes) => JSON.parse(bytes) as Entry)
  }

  async otherTrail(fromTs: string, toTs: string, filter: OtherTrailFilter = {}): Promise<Entry[]> {
    const other: Trail = this.trail === 'data' ? 'system' : 'data'
    const rows = await q.entriesBetween(this.#db, other, fromTs, toTs, {
      ...(filter.actions ? { actions: filter.actions } : {}),
      ...(filter.actorId ? { actorId: filter.actorId } : {}),
      limit: Math.min(filter.limit ?? 10_000, 100_000),
    })
    return rows.map((bytes) => JSON.parse(bytes) as Entry)
  }

  async recordVersions(recordType: string, recordId: string, options: { data?: boolean } = {}): Promise<RuleRecordVersion[]> {
    if (options.data === false) {
      return [...(await this.#versionMeta(recordType, recordId))]
    }
    const k = key(recordType, recordId)
    let history = this.#histories.get(k)
    if (history) this.#histories.delete(k)
    else {
      history = this.#history({ type: recordType, id: recordId })
      history.catch(() => this.#histories.delete(k))
      if (this.#histories.size >= MAX_HISTORIES) this.#histories.delete(this.#histories.keys().next().value!)
    }
    // Last used, last in the map: the first is the one to drop.
    this.#histories.set(k, history)
    return history
  }

  async signatures(recordType: string, recordId: string, options: { atSeq?: number } = {}): Promise<RuleSignature[]> {
    const at = options.atSeq
    const out: RuleSignature[] = []
    for (const { signature, withdrawnSeq } of await this.#signaturesOf(recordType, recordId)) {
      const standing = at === undefined ? withdrawnSeq === null : signature.seq < at && (withdrawnSeq === null || withdrawnSeq >= at)
      if (standing) out.push(signature)
    }
    return out
  }

  async completedReviews(recordType: string, recordId: string, options: { before?: number } = {}): Promise<RuleReview[]> {
    const { byRecord, periods } = await this.#reviewIndex()
    const before = options.before ?? Infinity
    const candidates: RuleReview[] = []
    for (const list of [byRecord.get(key(recordType, recordId)), periods]) for (const r of list ?? []) if (r.completedSeq < before) candidates.push(r)
    if (candidates.length === 0) return []
    const versions = await this.#versionMeta(recordType, recordId)
    return candidates.filter((r) => versions.some((v) => reviewCoversSeq(r, 'data', v.seq))).sort((a, b) => a.completedSeq - b.completedSeq)
  }

  recordType(id: string, version?: string): Promise<StoredRecordType | undefined> {
    const k = `${id}@${version ?? ''}`
    let hit = this.#types.get(k)
    if (!hit) {
      hit = q.storedRecordType(this.#db, id, version).then((json) => (json === null ? undefined : (JSON.parse(json) as StoredRecordType)))
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
