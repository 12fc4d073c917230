import { canonicalJson, type JsonValue } from '../canonical/canonical-json.js'
import { VeritrailError } from '../errors.js'
import type { Locale } from '../extension/i18n.js'
import { LOCALES } from '../extension/i18n.js'
import type { RecordTypeDefinition, RecordTypeRegistry } from '../extension/record-type.js'
import { uuidv7 } from '../ids.js'
import type { ActionContext } from '../ledger/context.js'
import type { EntryDraft, EntryReason, FieldChange } from '../ledger/entry.js'
import type { Change, Ledger } from '../ledger/ledger.js'
import type { AppendRows, RecordVersionRow, StoreReads, WriteTx } from '../store/types.js'
import { storedDefinition } from './definition.js'
import { criticalChanges, diffData } from './diff.js'
import { requireReason, resolveReason, type ReasonInput } from './reason.js'
import { recordHashOfCanonical } from './record-hash.js'
import { checkLinks } from './links.js'
import { validateData } from './validate.js'

type Data = Record<string, JsonValue>

/** A change of a record: the whole new data, the version it was based on, and why. */
export interface UpdateInput {
  data: unknown
  baseVersion: number
  reason?: ReasonInput
  /** Reference of the change control that authorises editing a record locked by change control. */
  changeControl?: string
}

/** A record version as callers see it. */
export interface RecordView {
  id: string
  type: string
  typeVersion: string
  version: number
  data: Data | null
  deleted: boolean
  seq: number
  ts: string
  actorId: string
}

export interface WriteResult {
  id: string
  version: number
  seq: number
  /** True when an update changed nothing, so nothing was written. */
  unchanged?: boolean
}

/**
 * A check that runs inside the write transaction before a record changes (lifecycle, locks,
 * signatures, release gates). Throwing refuses the change; nothing is written.
 */
export type RecordGuard = (change: GuardedChange) => Promise<void>

export interface GuardedChange {
  /** A change-control reference given with an edit of a record locked by change control. */
  changeControl?: string
  tx: WriteTx
  type: RecordTypeDefinition
  action: 'create' | 'update' | 'delete'
  current: RecordView | undefined
  data: Data | undefined
  changes: FieldChange[]
  reason: EntryReason | undefined
  ctx: ActionContext
}

export interface RecordServiceOptions {
  ledger: Ledger
  reads: StoreReads
  registry: RecordTypeRegistry
  /** The site's default locale: labels inside entries are frozen in it (§2.8). */
  locale: () => Locale
  guards?: RecordGuard[]
}

/**
 * Versioned records (ARCHITECTURE §2.2): creation is version 1, every change a new version
 * row plus exactly one data-trail entry with field-level changes, in one transaction; a delete
 * is a tombstone version whose entry carries the full last content.
 */
export class RecordService {
  /** Record-type versions known to be stored (read back from the database, so never a guess). */
  readonly #stored = new Set<string>()

  constructor(private readonly opts: RecordServiceOptions) {}

  /** Every record type the registry offers now. */
  types(): RecordTypeDefinition[] {
    return this.opts.registry.list()
  }

  type(id: string): RecordTypeDefinition {
    const type = this.opts.registry.get(id)
    if (!type) throw new VeritrailError('not_found', `There is no record type “${id}”.`)
    return type
  }

  async create(typeId: string, input: unknown, ctx: ActionContext): Promise<WriteResult> {
    const prepare = this.prepareCreate(typeId, input, ctx)
    return this.opts.ledger.commit(prepare)
  }

  /**
   * The checks that need no database (type, schema, fidelity) run now; the returned function
   * runs the rest inside the writer transaction and describes the change.
   */
  prepareCreate(typeId: string, input: unknown, ctx: ActionContext): (tx: WriteTx) => Promise<Change<WriteResult>> {
    const type = this.type(typeId)
    const data = validateData(type, input)
    const locale = this.opts.locale()
    const id = uuidv7()
    return async (tx) => {
      await this.#checkUnique(tx, type, data, id)
      await checkLinks(tx, type, data)
      const changes = diffData(type, undefined, data, locale)
      await this.#guard({ tx, type, action: 'create', current: undefined, data, changes, reason: undefined, ctx })
      return this.#version(tx, type, ctx, { id, version: 1, data, changes, action: 'create' })
    }
  }

  async update(
    typeId: string,
    id: string,
    input: UpdateInput,
    ctx: ActionContext,
  ): Promise<WriteResult> {
    return this.opts.ledger.commit(this.prepareUpdate(typeId, id, input, ctx))
  }

  prepareUpdate(
    typeId: string,
    id: string,
    input: UpdateInput,
    ctx: ActionContext,
  ): (tx: WriteTx) => Promise<Change<WriteResult>> {
    const type = this.type(typeId)
    const data = validateData(type, input.data)
    const locale = this.opts.locale()
    const reason = resolveReason(type, input.reason, locale)
    return async (tx) => {
      const current = await this.#current(tx, type, id)
      if (current.version !== input.baseVersion) {
        throw new VeritrailError(
          'version_conflict',
          `This ${type.title.en} was changed since version ${input.baseVersion}; it is now at version ${current.version}. Reload it and apply your change again.`,
          { details: { currentVersion: current.version } },
        )
      }
      const changes = diffData(type, current.data ?? {}, data, locale)
      if (changes.length === 0) {
        return { entries: [], result: (): WriteResult => ({ id, version: current.version, seq: current.seq, unchanged: true }) }
      }
      requireReason(criticalChanges(type, changes), reason)
      await this.#checkUnique(tx, type, data, id)
      await checkLinks(tx, type, data)
      await this.#guard({ tx, type, action: 'update', current, data, changes, reason, ctx, ...(input.changeControl ? { changeControl: input.changeControl } : {}) })
      const field = type.lifecycle?.field
      const action = field && changes.some((c) => c.field === field) ? 'transition' : 'update'
      return this.#version(tx, type, ctx, { id, version: current.version + 1, data, changes, reason, action, ...(input.changeControl ? { details: { changeControl: input.changeControl } } : {}) })
    }
  }

  async delete(typeId: string, id: string, input: { reason?: ReasonInput }, ctx: ActionContext): Promise<WriteResult> {
    return this.opts.ledger.commit(this.prepareDelete(typeId, id, input, ctx))
  }

  prepareDelete(typeId: string, id: string, input: { reason?: ReasonInput }, ctx: ActionContext): (tx: WriteTx) => Promise<Change<WriteResult>> {
    const type = this.type(typeId)
    const locale = this.opts.locale()
    const reason = resolveReason(type, input.reason, locale)
    if (!type.deletable?.roles.includes(ctx.actor.role)) {
      throw new VeritrailError('forbidden', `A ${type.title.en} cannot be deleted by the role “${ctx.actor.role}”.`)
    }
    if (!reason) {
      throw new VeritrailError('reason_required', `Deleting a ${type.title.en} needs a reason.`, {
        errors: [{ path: 'reason', message: 'A reason is required.' }],
      })
    }
    return async (tx) => {
      const current = await this.#current(tx, type, id)
      await this.#guard({ tx, type, action: 'delete', current, data: undefined, changes: [], reason, ctx })
      return this.#version(tx, type, ctx, {
        id,
        version: current.version + 1,
        data: null,
        changes: [],
        reason,
        action: 'delete',
        snapshot: current.data ?? {},
      })
    }
  }

  async get(typeId: string, id: string, version?: number): Promise<RecordView> {
    const row = await this.opts.reads.recordVersion(typeId, id, version)
    if (!row) throw notFound(typeId, id, version)
    return view(row)
  }

  async versions(typeId: string, id: string): Promise<RecordView[]> {
    const rows = await this.opts.reads.recordVersions(typeId, id)
    if (rows.length === 0) throw notFound(typeId, id)
    return rows.map(view)
  }

  async list(typeId: string, options: { limit?: number; before?: string; includeDeleted?: boolean } = {}): Promise<RecordView[]> {
    this.type(typeId)
    const rows = await this.opts.reads.listRecords(typeId, { limit: Math.min(options.limit ?? 50, 500), ...options })
    return rows.map(view)
  }

  async #current(tx: WriteTx, type: RecordTypeDefinition, id: string): Promise<RecordView> {
    const row = await tx.recordVersion(type.id, id)
    if (!row) throw notFound(type.id, id)
    if (row.deleted) {
      throw new VeritrailError('conflict', `This ${type.title.en} was deleted (version ${row.version}); it cannot change any more.`)
    }
    return view(row)
  }

  async #checkUnique(tx: WriteTx, type: RecordTypeDefinition, data: Data, id: string): Promise<void> {
    for (const field of type.unique ?? []) {
      const value = data[field]
      if (value === undefined || value === null || typeof value === 'object') continue
      const others = (await tx.findLiveRecords(type.id, field, value)).filter((other) => other !== id)
      if (others.length > 0) {
        const label = type.fields[field]?.label.en ?? field
        throw new VeritrailError('conflict', `Another ${type.title.en} already has ${label} “${String(value)}”.`, {
          errors: [{ path: `data.${field}`, message: 'Must be unique.' }],
        })
      }
    }
  }

  async #guard(change: GuardedChange): Promise<void> {
    for (const guard of this.opts.guards ?? []) await guard(change)
  }

  async #version(
    tx: WriteTx,
    type: RecordTypeDefinition,
    ctx: ActionContext,
    v: {
      id: string
      version: number
      data: Data | null
      changes: FieldChange[]
      action: 'create' | 'update' | 'delete' | 'transition'
      reason?: EntryReason
      snapshot?: Data
      details?: Record<string, string>
    },
  ) {
    const entries: EntryDraft[] = []
    const rows: AppendRows = {}
    const definition = storedDefinition(type)
    const key = `${type.id}@${type.version}`
    if (!this.#stored.has(key) && (await tx.recordType(type.id, type.version))) this.#stored.add(key)
    if (!this.#stored.has(key)) {
      rows.recordTypes = [{ id: type.id, version: type.version, definition: definition.json, sha256: definition.sha256, ts: '' }]
      entries.push({
        trail: 'system',
        actor: ctx.actor,
        action: 'record_type_register',
        correlationId: ctx.correlationId,
        client: ctx.client,
        ...(ctx.session ? { session: ctx.session } : {}),
        details: { recordType: type.id, version: type.version, sha256: definition.sha256 },
      })
    }
    const data = v.data === null ? null : canonicalJson(v.data)
    const entry: EntryDraft = {
      trail: 'data',
      actor: ctx.actor,
      action: v.action,
      correlationId: ctx.correlationId,
      client: ctx.client,
      target: {
        type: type.id,
        typeVersion: type.version,
        id: v.id,
        version: v.version,
        recordHash: recordHashOfCanonical(type.id, v.id, v.version, data),
      },
      searchText: otherLabels(type, v.changes, v.reason),
    }
    if (v.changes.length > 0) entry.changes = v.changes
    if (v.reason) entry.reason = v.reason
    if (v.snapshot) entry.snapshot = v.snapshot
    if (v.details) entry.details = v.details
    if (ctx.session) entry.session = ctx.session
    if (ctx.source) entry.source = ctx.source
    if (ctx.authorizer) entry.authorizer = ctx.authorizer
    entries.push(entry)
    return {
      entries,
      rows: (committed: { trail: string; seq: number; ts: string }[]) => {
        const own = committed.find((c) => c.trail === 'data')!
        for (const t of rows.recordTypes ?? []) t.ts = own.ts
        return {
          ...rows,
          recordVersions: [
            {
              recordType: type.id,
              recordId: v.id,
              version: v.version,
              typeVersion: type.version,
              data,
              deleted: v.action === 'delete',
              seq: own.seq,
              ts: own.ts,
              actorId: ctx.actor.id,
            },
          ],
        }
      },
      result: (committed: { trail: string; seq: number }[]) => ({
        id: v.id,
        version: v.version,
        seq: committed.find((c) => c.trail === 'data')!.seq,
      }),
    }
  }
}

/** Labels of the changed fields and the reason in every locale, for full-text search. */
function otherLabels(type: RecordTypeDefinition, changes: FieldChange[], reason: EntryReason | undefined): string[] {
  const out: string[] = LOCALES.map((l) => type.title[l])
  for (const c of changes) {
    const field = type.fields[c.field]
    if (field) out.push(...LOCALES.map((l) => field.label[l]))
  }
  const predefined = reason?.code ? type.reasons.find((r) => r.code === reason.code) : undefined
  if (predefined) out.push(...LOCALES.map((l) => predefined.label[l]))
  return out
}

function view(row: RecordVersionRow): RecordView {
  return {
    id: row.recordId,
    type: row.recordType,
    typeVersion: row.typeVersion,
    version: row.version,
    data: row.data === null ? null : (JSON.parse(row.data) as Data),
    deleted: row.deleted,
    seq: row.seq,
    ts: row.ts,
    actorId: row.actorId,
  }
}

function notFound(type: string, id: string, version?: number): VeritrailError {
  const which = version === undefined ? '' : ` version ${version}`
  return new VeritrailError('not_found', `There is no ${type} record “${id}”${which}.`)
}
