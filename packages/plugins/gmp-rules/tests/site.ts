import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  actorOf,
  evaluateScope,
  isVeritrailError,
  openCore,
  packRules,
  type AccountView,
  type ActionContext,
  type Core,
  type EntryDraft,
  type EntrySource,
  type Principal,
  type RecordTypeDefinition,
  type StampedFinding,
  type Trail,
} from '@veritrail/core'
import { gmpRules } from '../src/index.js'
import { registry } from './types.js'

const ZONE = 'Asia/Shanghai' // UTC+08:00 all year
const OFFSET_MS = 8 * 3_600_000
const FIRST_MONDAY = Date.parse('2024-03-04T00:00:00Z') // a Monday
const DAY = 86_400_000
const client = { ip: '10.20.1.15', userAgent: 'Mozilla/5.0 (vitest)' }

/** The pack as the host would hand it to the engine. */
export const PACK = packRules('@veritrail/plugin-gmp-rules', 'sha256:test', gmpRules)

/** A record as the site last wrote it. */
export interface Rec {
  type: RecordTypeDefinition
  id: string
  version: number
  data: Record<string, unknown>
  seq: number
}

/** Sequence ranges of both trails (inclusive; `from > to` when nothing was written). */
export type Ranges = Record<Trail, { from: number; to: number }>

/**
 * A plant on a controllable clock in Asia/Shanghai, with real accounts, records, signatures and
 * reviews written through the core's one write path, and the GMP pack evaluated over it.
 */
export class Site {
  clock = FIRST_MONDAY
  #day = -1
  readonly #passwords = new Map<string, string>()
  readonly #accounts = new Map<string, AccountView>()
  readonly #accepted = new Set<string>()
  admin!: ActionContext

  private constructor(
    readonly core: Core,
    private readonly dir: string,
  ) {}

  static async open(): Promise<Site> {
    const dir = mkdtempSync(join(tmpdir(), 'veritrail-gmp-'))
    let site: Site | undefined
    const core = await openCore({ dataDir: dir, registry, timeZone: ZONE, program: 'vitest', now: () => site?.clock ?? FIRST_MONDAY })
    site = new Site(core, dir)
    await core.bootstrap('initial admin password')
    await core.sessions.changePassword({ username: 'admin', currentPassword: 'initial admin password', newPassword: 'admin passphrase 2024' }, client)
    const login = await core.sessions.login({ username: 'admin', password: 'admin passphrase 2024' }, client)
    site.admin = { actor: actorOf(login.account, 'sysadmin'), client, correlationId: randomUUID(), session: login.sessionId }
    return site
  }

  async close(): Promise<void> {
    await this.core.close()
    rmSync(this.dir, { recursive: true, force: true })
  }

  // --- time ----------------------------------------------------------------------------------

  /** Moves to 09:00 of the next working day (Monday to Friday). */
  nextWorkday(): void {
    do this.#day++
    while ([5, 6].includes(this.#day % 7))
    this.clock = FIRST_MONDAY + this.#day * DAY + 9 * 3_600_000 - OFFSET_MS
  }

  /** Moves to 10:00 of the next Saturday. */
  nextSaturday(): void {
    do this.#day++
    while (this.#day % 7 !== 5)
    this.clock = FIRST_MONDAY + this.#day * DAY + 10 * 3_600_000 - OFFSET_MS
  }

  /** Moves to `hh:mm` local time of the current day (or the next, past midnight); never back. */
  at(hhmm: string, nextDay = false): void {
    const [h, m] = hhmm.split(':').map(Number) as [number, number]
    const target = FIRST_MONDAY + (this.#day + (nextDay ? 1 : 0)) * DAY + (h * 60 + m) * 60_000 - OFFSET_MS
    if (target < this.clock) throw new Error(`site: ${hhmm} is before the current time`)
    this.clock = target
  }

  advance(minutes: number): void {
    this.clock += Math.round(minutes * 60_000)
  }

  // --- people --------------------------------------------------------------------------------

  /** Creates an account (once) and has its owner set their own password. */
  async person(username: string, displayName: string, role: string): Promise<ActionContext> {
    if (!this.#accounts.has(username)) {
      const integration = role === 'integration'
      const created = await this.core.accounts.create(
        { username, displayName, roles: [role], ...(integration ? {} : { password: `${username} first password` }) },
        this.admin,
      )
      if (!integration) {
        const password = `${username} own password`
        await this.core.sessions.changePassword({ username, currentPassword: `${username} first password`, newPassword: password }, client)
        this.#passwords.set(username, password)
      }
      this.#accounts.set(username, created)
    }
    return this.as(username, role)
  }

  as(username: string, role?: string, extra: { source?: EntrySource } = {}): ActionContext {
    const account = this.#accounts.get(username)
    if (!account) throw new Error(`site: no account ${username}`)
    return { actor: actorOf(account, role), client, correlationId: randomUUID(), ...extra }
  }

  password(username: string): string {
    return this.#passwords.get(username)!
  }

  /** A sign-in; answers the error code of a refusal. */
  async login(username: string, password = this.password(username)): Promise<string> {
    try {
      await this.core.sessions.login({ username, password }, client)
      return 'ok'
    } catch (error) {
      if (isVeritrailError(error)) return error.code
      throw error
    }
  }

  /** Signs in, works `minutes`, signs out (or, past the idle timeout, finds the session expired). */
  async session(username: string, minutes: number): Promise<void> {
    const login = await this.core.sessions.login({ username, password: this.password(username) }, client)
    this.advance(minutes)
    const principal = await this.core.sessions.authenticate(login.token, client).catch(() => undefined)
    if (principal) await this.core.sessions.logout(principal, { ...this.as(username), session: login.sessionId })
  }

  /** Signs in and tries to sign with a wrong password (one `signature_failed`). */
  async failSignature(username: string): Promise<void> {
    const login = await this.core.sessions.login({ username, password: this.password(username) }, client)
    const principal = await this.core.sessions.authenticate(login.token, client)
    const ctx = { ...this.as(username), session: login.sessionId }
    await this.core.sessions.checkSigner(principal, { username, password: 'not my password' }, ctx).catch(() => undefined)
  }

  // --- records -------------------------------------------------------------------------------

  async create(type: RecordTypeDefinition, data: Record<string, unknown>, ctx: ActionContext): Promise<Rec> {
    const written = await this.core.records.create(type.id, data, ctx)
    return { type, id: written.id, version: written.version, data, seq: written.seq }
  }

  /** Applies `patch` to the record's data; returns the seq of the update. */
  async update(rec: Rec, patch: Record<string, unknown>, ctx: ActionContext, reason?: { code?: string; text?: string }): Promise<number> {
    const data = { ...rec.data, ...patch }
    const written = await this.core.records.update(rec.type.id, rec.id, { data, baseVersion: rec.version, ...(reason ? { reason } : {}) }, ctx)
    Object.assign(rec, { data, version: written.version, seq: written.seq })
    return written.seq
  }

  async remove(rec: Rec, ctx: ActionContext, reason: { code?: string; text?: string }): Promise<number> {
    const written = await this.core.records.delete(rec.type.id, rec.id, { reason }, ctx)
    Object.assign(rec, { version: written.version, seq: written.seq })
    return written.seq
  }

  /** Signs in, accepting the signature statement the first time; answers the principal and context. */
  async #session(username: string): Promise<{ principal: Principal; ctx: ActionContext }> {
    const login = await this.core.sessions.login({ username, password: this.password(username) }, client)
    const principal = await this.core.sessions.authenticate(login.token, client)
    const ctx = { ...this.as(username), session: login.sessionId }
    if (!this.#accepted.has(username)) {
      await this.core.signatures.acceptStatement(principal, ctx)
      this.#accepted.add(username)
    }
    return { principal, ctx }
  }

  /** Signs the record's current version through the signature service (password re-entered). */
  async sign(rec: Rec, username: string, meaning: string): Promise<{ id: string; seq: number }> {
    const { principal, ctx } = await this.#session(username)
    const target = { type: rec.type.id, id: rec.id, version: rec.version }
    const signature = await this.core.signatures.sign({ target, meaning, username, password: this.password(username) }, principal, ctx)
    return { id: signature.id, seq: signature.seq }
  }

  async withdraw(signatureId: string, username: string, reason: string): Promise<number> {
    const { principal, ctx } = await this.#session(username)
    await this.core.signatures.withdraw(signatureId, { reason, username, password: this.password(username) }, principal, ctx)
    return this.lastSeq('data', 'signature_withdraw')
  }

  // The review service is not written yet: a completed review is written the way it will be, the
  // review row, its frozen ranges and the completion, with their entries in one commit.

  /** Opens and completes a review of a record (its whole trail so far) or of a seq period. */
  async review(scope: { record: Rec } | { from: number; to: number }, by: ActionContext): Promise<number> {
    const id = randomUUID()
    const size = await this.core.store.read.trailSize('data')
    const stored = 'record' in scope ? { recordType: scope.record.type.id, recordId: scope.record.id } : { trail: 'data', ...scope }
    const ranges = 'record' in scope ? [{ trail: 'data', from: 1, to: size }] : [{ trail: 'data', from: scope.from, to: scope.to }]
    const entries: EntryDraft[] = [
      { trail: 'system', actor: by.actor, action: 'review_open', correlationId: by.correlationId, client: by.client, details: { reviewId: id } },
      { trail: 'data', actor: by.actor, action: 'review', correlationId: by.correlationId, client: by.client, details: { reviewId: id, conclusion: 'No issues' } },
    ]
    return this.core.ledger.commit(async () => ({
      entries,
      rows: ([open, done]) => ({
        reviews: [{ id, scope: JSON.stringify(stored), ranges: JSON.stringify(ranges), entryCount: size, openedBy: by.actor.id, seq: open!.seq, ts: open!.ts }],
        reviewCompletions: [{ reviewId: id, conclusion: 'No issues', reviewerId: by.actor.id, seq: done!.seq, ts: done!.ts }],
      }),
      result: ([, done]) => done!.seq,
    }))
  }

  /** Appends system-trail entries (exports, backups …); answers their seqs. */
  async system(drafts: Omit<EntryDraft, 'trail' | 'correlationId' | 'client'>[]): Promise<number[]> {
    const committed = await this.core.ledger.append(drafts.map((d) => ({ ...d, trail: 'system', correlationId: randomUUID(), client })))
    return committed.filter((c) => c.trail === 'system').map((c) => c.seq)
  }

  /** The seq of the newest entry with `action` in `trail`. */
  async lastSeq(trail: Trail, action: string): Promise<number> {
    const rows = await this.core.store.connections.reader.execute({ sql: 'SELECT max(seq) FROM entries WHERE trail = ? AND action = ?', args: [trail, action] })
    return Number(rows.rows[0]![0])
  }

  // --- review --------------------------------------------------------------------------------

  async sizes(): Promise<Record<Trail, number>> {
    return { data: await this.core.store.read.trailSize('data'), system: await this.core.store.read.trailSize('system') }
  }

  /** The pack's findings over the given ranges of both trails. */
  async findings(ranges: Ranges): Promise<StampedFinding[]> {
    const out: StampedFinding[] = []
    for (const trail of ['data', 'system'] as const) {
      const { from, to } = ranges[trail]
      if (from > to) continue
      const result = await evaluateScope(this.core.store.read, { trail, fromSeq: from, toSeq: to, rules: PACK })
      if (result.errors.length > 0) throw new Error(`rule errors: ${JSON.stringify(result.errors)}`)
      out.push(...result.findings)
    }
    return out
  }

  /** Runs `story` and answers the seq ranges it wrote. */
  async record(story: () => Promise<void>): Promise<Ranges> {
    const before = await this.sizes()
    await story()
    const after = await this.sizes()
    return { data: { from: before.data + 1, to: after.data }, system: { from: before.system + 1, to: after.system } }
  }

  /** Runs `story` and answers the findings of what it wrote. */
  async story(story: () => Promise<void>): Promise<StampedFinding[]> {
    return this.findings(await this.record(story))
  }
}

/** `rule@trail:seq` of each finding, sorted, for exact comparisons. */
export function keys(findings: StampedFinding[]): string[] {
  return findings.map((f) => `${f.rule.id}@${f.trail}:${f.seq}`).sort()
}
