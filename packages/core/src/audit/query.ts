import { VeritrailError, type FieldError } from '../errors.js'
import { ROLE_LABELS, SYSTEM_ROLE_LABEL, isRole } from '../identity/roles.js'
import type { Locale, LocalizedText } from '../extension/i18n.js'
import { ACCOUNT_TARGET } from '../identity/account.js'
import type { Entry, Trail } from '../ledger/entry.js'
import { isCjkBigram } from '../ledger/search-text.js'
import { actorIds, entryAt, searchEntries, storedRecordTypes, type EntryHit } from '../store/queries/audit.js'
import type { StoreReads } from '../store/types.js'
import { actionLabel } from './labels.js'

/** The audit-trail query of CONTRACT §5, as it arrives (strings from a query string). */
export interface AuditQueryInput {
  trail?: unknown
  q?: unknown
  actor?: unknown
  action?: unknown
  recordType?: unknown
  recordId?: unknown
  from?: unknown
  to?: unknown
  order?: unknown
  limit?: unknown
  cursor?: unknown
}

/** One entry as served: the stored bytes with `leafHash` (and `display`) spliced in. */
export interface ServedEntry {
  id: number
  trail: Trail
  seq: number
  /** JSON text: exactly the hashed bytes plus `leafHash` and, when asked, `display`. */
  json: string
}

const ID_LIKE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const MAX_LIMIT = 500

/**
 * Searches the trails (R-EX-01): who (`actor`: user name or id), what (`recordType`,
 * `recordId`, `action`), when (`from`/`to`, ISO times), and any text (`q`, case-insensitive, over
 * names, labels in both languages, values and reasons through the trigram index). Two Chinese,
 * Japanese or Korean characters (most Chinese words) use the bigram index; other queries shorter
 * than three characters fall back to a substring match in the stored entries. Pages by commit
 * order with an opaque cursor.
 */
export class AuditService {
  /** When a definition was last looked for and not found. */
  readonly #missed = new Map<string, number>()
  readonly #labels = new Map<string, { title: LocalizedText; fields: Record<string, { label: LocalizedText }>; reasons: { code: string; label: LocalizedText }[] }>()

  constructor(private readonly reads: StoreReads) {}

  async search(input: AuditQueryInput, options: { display?: Locale } = {}): Promise<{ entries: ServedEntry[]; nextCursor: string | null }> {
    const errors: FieldError[] = []
    const str = (name: string, value: unknown, max = 200): string | undefined => {
      if (value === undefined || value === '') return undefined
      if (typeof value !== 'string' || value.length > max || !value.isWellFormed()) {
        errors.push({ path: name, message: `Give a text of at most ${max} characters.` })
        return undefined
      }
      return value
    }
    const trail = str('trail', input.trail)
    if (trail !== undefined && trail !== 'data' && trail !== 'system') errors.push({ path: 'trail', message: 'Use data or system.' })
    const order = str('order', input.order) ?? 'desc'
    if (order !== 'asc' && order !== 'desc') errors.push({ path: 'order', message: 'Use asc or desc.' })
    const limitText = str('limit', input.limit)
    const limit = limitText === undefined ? 50 : Number(limitText)
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) errors.push({ path: 'limit', message: `A whole number from 1 to ${MAX_LIMIT}.` })
    const fromTs = time('from', str('from', input.from), errors)
    const toTs = time('to', str('to', input.to), errors)
    const q = str('q', input.q)?.trim()
    const actions = str('action', input.action, 1000)?.split(',').map((a) => a.trim()).filter(Boolean)
    const cursor = decodeCursor(str('cursor', input.cursor), order, errors)
    if (errors.length > 0) throw new VeritrailError('validation_failed', `The audit query is not valid: ${errors[0]!.path}: ${errors[0]!.message}`, { errors })
    const actor = str('actor', input.actor)
    const hits = await searchEntries(this.reads.sql, {
      ...(trail ? { trail: trail as Trail } : {}),
      ...(actor ? { actorIds: await actorIds(this.reads.sql, actor) } : {}),
      ...(actions?.length ? { actions } : {}),
      ...(str('recordType', input.recordType) ? { recordType: input.recordType as string } : {}),
      ...(str('recordId', input.recordId) ? { recordId: input.recordId as string } : {}),
      ...(fromTs ? { fromTs } : {}),
      ...(toTs ? { toTs } : {}),
      ...textFilter(q),
      order: order as 'asc' | 'desc',
      ...(cursor !== undefined ? { afterId: cursor } : {}),
      limit: limit + 1,
    })
    const page = hits.slice(0, limit)
    const entries = await Promise.all(page.map((h) => this.serve(h, options.display)))
    const last = page.at(-1)
    return { entries, nextCursor: hits.length > limit && last ? encodeCursor(last.id, order as 'asc' | 'desc') : null }
  }

  /** One entry by trail and sequence number, as served. */
  async entry(trail: Trail, seq: number, display?: Locale): Promise<ServedEntry> {
    const hit = await entryAt(this.reads.sql, trail, seq)
    if (!hit) throw new VeritrailError('not_found', `The ${trail} trail has no entry ${seq}.`)
    return this.serve(hit, display)
  }

  /** The stored bytes as served: `leafHash` (base64) and optional `display` spliced in. */
  async serve(hit: EntryHit, display?: Locale): Promise<ServedEntry> {
    let json = `${hit.bytes.slice(0, -1)},"leafHash":"${Buffer.from(hit.leafHash).toString('base64')}"`
    if (display) json += `,"display":${JSON.stringify(await this.display(JSON.parse(hit.bytes) as Entry, display))}`
    return { id: hit.id, trail: hit.trail as Trail, seq: hit.seq, json: json + '}' }
  }

  /** Presentation in `locale`: labels for the action, role, record type, fields and reason. */
  async display(entry: Entry, locale: Locale): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = { action: actionLabel(entry.action, locale) }
    out.role = isRole(entry.actor.role) ? ROLE_LABELS[entry.actor.role][locale] : entry.actor.role === 'system' ? SYSTEM_ROLE_LABEL[locale] : entry.actor.role
    if (entry.target) {
      if (entry.target.type === ACCOUNT_TARGET) out.recordType = locale === 'zh-CN' ? '用户账户' : 'User account'
      const def = await this.#definition(entry.target.type, entry.target.typeVersion)
      if (def) {
        out.recordType = def.title[locale]
        if (entry.changes) out.fields = Object.fromEntries(entry.changes.map((c) => [c.field, def.fields[c.field]?.label[locale] ?? c.label]))
        const reason = entry.reason?.code ? def.reasons.find((r) => r.code === entry.reason!.code) : undefined
        if (reason) out.reason = reason.label[locale]
      }
    }
    return out
  }

  async #definition(type: string, version: string) {
    const key = `${type}@${version}`
    // A definition is stored in the transaction of its type's first entry, so a miss is an entry
    // appended without a record; it re-reads the definitions at most once a second per type
    // (not once per entry of every page).
    const missed = this.#missed.get(key)
    if (!this.#labels.has(key) && (missed === undefined || Date.now() - missed > 1000)) {
      for (const row of await storedRecordTypes(this.reads.sql)) this.#labels.set(`${row.id}@${row.version}`, JSON.parse(row.definition))
      if (!this.#labels.has(key)) this.#missed.set(key, Date.now())
    }
    return this.#labels.get(key)
  }
}

export function textFilter(q: string | undefined): { match?: string; bigram?: string; substring?: string; anyId?: string } {
  if (!q) return {}
  if (ID_LIKE.test(q)) return { anyId: q.toLowerCase() }
  if (isCjkBigram(q)) return { bigram: q }
  if ([...q].length < 3) return { substring: asciiLower(q) }
  return { match: `"${q.replaceAll('"', '""')}"` }
}

/** SQLite's lower() folds only ASCII: fold the query the same way. */
function asciiLower(text: string): string {
  return text.replace(/[A-Z]/g, (c) => c.toLowerCase())
}

function time(name: string, value: string | undefined, errors: FieldError[]): string | undefined {
  if (value === undefined) return undefined
  const ms = Date.parse(value)
  if (!/^\d{4}-\d\d-\d\d/.test(value) || Number.isNaN(ms)) {
    errors.push({ path: name, message: 'An ISO 8601 time such as 2026-11-22T08:00:00Z or a date such as 2026-11-22.' })
    return undefined
  }
  return new Date(ms).toISOString()
}

function encodeCursor(id: number, order: 'asc' | 'desc'): string {
  return Buffer.from(`${order}:${id}`).toString('base64url')
}

function decodeCursor(cursor: string | undefined, order: string, errors: FieldError[]): number | undefined {
  if (cursor === undefined) return undefined
  const [o, id] = Buffer.from(cursor, 'base64url').toString().split(':')
  const n = Number(id)
  if (o !== order || !Number.isSafeInteger(n) || n < 0) {
    errors.push({ path: 'cursor', message: 'Use the nextCursor of the previous page, with the same order.' })
    return undefined
  }
  return n
}
