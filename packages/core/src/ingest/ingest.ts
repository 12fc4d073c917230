import { createHash } from 'node:crypto'
import * as v from 'valibot'
import { canonicalJson } from '../canonical/canonical-json.js'
import { VeritrailError, isVeritrailError, type FieldError } from '../errors.js'
import type { ActionContext } from '../ledger/context.js'
import type { EntryDraft } from '../ledger/entry.js'
import type { Change, Ledger } from '../ledger/ledger.js'
import type { RecordService, WriteResult } from '../records/service.js'
import { rememberResponse } from '../store/operational/ingest.js'
import { idempotentResponse } from '../store/queries/ingest.js'
import type { StoreReads, WriteTx } from '../store/types.js'

const Text = (max: number) => v.pipe(v.string(), v.minLength(1, 'Required.'), v.maxLength(max, `At most ${max} characters.`))
const Reason = v.optional(v.object({ code: v.optional(v.string()), text: v.optional(v.string()) }))

/** One item of a batch from an MES/LIMS (CONTRACT §4). */
export const IngestItemSchema = v.variant('op', [
  v.object({ op: v.literal('create'), type: Text(100), data: v.unknown(), sourceUser: Text(200), sourceTs: Text(40), sourceRef: Text(200) }),
  v.object({ op: v.literal('update'), type: Text(100), id: Text(64), data: v.unknown(), baseVersion: v.pipe(v.number(), v.integer(), v.minValue(1)), reason: Reason, sourceUser: Text(200), sourceTs: Text(40), sourceRef: Text(200) }),
  v.object({ op: v.literal('delete'), type: Text(100), id: Text(64), reason: Reason, sourceUser: Text(200), sourceTs: Text(40), sourceRef: Text(200) }),
])

export const IngestSchema = v.object({
  source: v.object({ system: Text(100) }),
  idempotencyKey: v.pipe(v.string(), v.minLength(8, 'At least 8 characters (a UUID is ideal).'), v.maxLength(200)),
  items: v.pipe(v.array(v.unknown()), v.minLength(1, 'Send at least one item.'), v.maxLength(1000, 'At most 1,000 items per batch.')),
})

export const MAX_INGEST_ITEMS = 1000

export interface IngestItemResult {
  index: number
  op: string
  type: string
  id?: string
  version?: number
  seq?: number
}

export interface IngestOutcome {
  /** HTTP status: 200 accepted, 400 refused (nothing written). */
  status: number
  body: Record<string, unknown>
  /** True when this answer is the stored answer of an earlier request with the same key. */
  replayed: boolean
}

/**
 * Ingestion from MES/LIMS (CONTRACT §4, R-DM-03): a batch is atomic — every item is written or
 * none; every item is checked first so all problems come back at once; the source system, user,
 * time and reference stay on each entry; the transfer itself is a system-trail entry; a replay
 * of the same idempotency key answers the first answer and writes nothing. A refused batch
 * appends exactly one `ingest_rejected` entry.
 */
export class IngestService {
  constructor(
    private readonly ledger: Ledger,
    private readonly reads: StoreReads,
    private readonly records: RecordService,
  ) {}

  async ingest(input: unknown, ctx: ActionContext): Promise<IngestOutcome> {
    const envelope = v.safeParse(IngestSchema, input)
    if (!envelope.success) {
      const errors = envelope.issues.map((i) => ({ path: v.getDotPath(i) ?? '', message: i.message }))
      throw new VeritrailError('validation_failed', `The ingest request is not valid: ${errors[0]!.path}: ${errors[0]!.message}`, { errors })
    }
    const { source, idempotencyKey, items } = envelope.output
    const requestHash = createHash('sha256').update(canonicalJson(input)).digest('hex')
    const previous = await idempotentResponse(this.reads.sql, ctx.actor.id, idempotencyKey)
    if (previous) return replay(previous, requestHash, idempotencyKey)

    const prepared: ((tx: WriteTx) => Promise<Change<WriteResult>>)[] = []
    const itemErrors: { index: number; errors: FieldError[]; message: string; code: string }[] = []
    items.forEach((raw, index) => {
      try {
        const item = v.parse(IngestItemSchema, raw)
        if (Number.isNaN(Date.parse(item.sourceTs))) throw new VeritrailError('validation_failed', 'sourceTs must be an ISO 8601 time of the source system.', { errors: [{ path: 'sourceTs', message: 'An ISO 8601 time.' }] })
        const itemCtx: ActionContext = { ...ctx, source: { system: source.system, user: item.sourceUser, ts: item.sourceTs, ref: item.sourceRef } }
        if (item.op === 'create') prepared.push(this.records.prepareCreate(item.type, item.data, itemCtx))
        else if (item.op === 'update') prepared.push(this.records.prepareUpdate(item.type, item.id, { data: item.data, baseVersion: item.baseVersion, ...(item.reason ? { reason: item.reason } : {}) }, itemCtx))
        else prepared.push(this.records.prepareDelete(item.type, item.id, item.reason ? { reason: item.reason } : {}, itemCtx))
      } catch (error) {
        itemErrors.push(itemError(index, error))
      }
    })
    if (itemErrors.length > 0) return this.#reject(ctx, source.system, idempotencyKey, requestHash, items.length, itemErrors)

    try {
      return await this.ledger.commit(async (tx) => {
        // Checked again in the writer transaction: of two racing requests with one key, the
        // second is answered as a replay (or 409) rather than failing on the stored key.
        const raced = await idempotentResponse(tx.sql, ctx.actor.id, idempotencyKey)
        if (raced) throw Object.assign(new Error('raced'), { racedBy: raced })
        const results: IngestItemResult[] = []
        for (const [index, prepare] of prepared.entries()) {
          let result: WriteResult
          try {
            result = await this.ledger.apply(tx, await prepare(tx))
          } catch (error) {
            throw Object.assign(new Error('item failed'), { itemIndex: index, itemCause: error })
          }
          const raw = items[index] as { op: string; type: string }
          results.push({ index, op: raw.op, type: raw.type, id: result.id, version: result.version, seq: result.seq })
        }
        const body = { status: 'accepted', idempotencyKey, source, results }
        const seqs = results.map((r) => r.seq!).filter((s) => s > 0)
        const transfer: EntryDraft = {
          trail: 'system',
          actor: ctx.actor,
          action: 'ingest',
          correlationId: ctx.correlationId,
          client: ctx.client,
          details: { system: source.system, idempotencyKey, items: items.length, firstSeq: seqs.length ? Math.min(...seqs) : null, lastSeq: seqs.length ? Math.max(...seqs) : null, requestHash },
        }
        await rememberResponse(tx, { accountId: ctx.actor.id, key: idempotencyKey, requestHash, status: 200, response: JSON.stringify(body), ts: new Date().toISOString() })
        return { entries: [transfer], result: (): IngestOutcome => ({ status: 200, body, replayed: false }) }
      })
    } catch (error) {
      const failed = error as { itemIndex?: number; itemCause?: unknown; racedBy?: { requestHash: string; status: number; response: string } }
      if (failed.racedBy) return replay(failed.racedBy, requestHash, idempotencyKey)
      if (failed.itemIndex === undefined) throw error
      return this.#reject(ctx, source.system, idempotencyKey, requestHash, items.length, [itemError(failed.itemIndex, failed.itemCause)])
    }
  }

  async #reject(ctx: ActionContext, system: string, key: string, requestHash: string, count: number, itemErrors: { index: number; errors: FieldError[]; message: string; code: string }[]): Promise<IngestOutcome> {
    const body = {
      type: 'https://veritrail.dev/problems/validation-failed',
      title: 'The request is not valid',
      status: 400,
      code: 'validation_failed',
      detail: `The batch of ${count} item(s) from ${system} was refused and nothing was written: ${itemErrors.length} item(s) have problems (first: item ${itemErrors[0]!.index}: ${itemErrors[0]!.message}).`,
      errors: itemErrors.flatMap((e) => (e.errors.length ? e.errors : [{ path: '', message: e.message }]).map((f) => ({ path: `items[${e.index}]${f.path ? '.' + f.path : ''}`, message: f.message }))),
      items: itemErrors,
      idempotencyKey: key,
    }
    const entry: EntryDraft = {
      trail: 'system',
      actor: ctx.actor,
      action: 'ingest_rejected',
      correlationId: ctx.correlationId,
      client: ctx.client,
      details: { system, idempotencyKey: key, items: count, problems: itemErrors.length, first: `item ${itemErrors[0]!.index}: ${itemErrors[0]!.message}`.slice(0, 500) },
    }
    const raced = await this.ledger.commit(async (tx) => {
      const earlier = await idempotentResponse(tx.sql, ctx.actor.id, key)
      if (earlier) return { entries: [], result: () => earlier }
      await rememberResponse(tx, { accountId: ctx.actor.id, key, requestHash, status: 400, response: JSON.stringify(body), ts: new Date().toISOString() })
      return { entries: [entry], result: () => undefined }
    })
    if (raced) return replay(raced, requestHash, key)
    return { status: 400, body, replayed: false }
  }
}

function replay(previous: { requestHash: string; status: number; response: string }, requestHash: string, key: string): IngestOutcome {
  if (previous.requestHash !== requestHash) {
    throw new VeritrailError('conflict', `The idempotency key “${key}” was already used for a different batch; use a new key for new data.`, { errors: [{ path: 'idempotencyKey', message: 'Reused with different content.' }] })
  }
  return { status: previous.status, body: JSON.parse(previous.response) as Record<string, unknown>, replayed: true }
}

function itemError(index: number, error: unknown): { index: number; errors: FieldError[]; message: string; code: string } {
  if (isVeritrailError(error)) return { index, code: error.code, message: error.message, errors: error.errors ?? [] }
  if (error instanceof v.ValiError) {
    const issues = error.issues as v.BaseIssue<unknown>[]
    return { index, code: 'validation_failed', message: issues[0]?.message ?? 'Invalid item.', errors: issues.map((i) => ({ path: v.getDotPath(i) ?? '', message: i.message })) }
  }
  throw error
}
