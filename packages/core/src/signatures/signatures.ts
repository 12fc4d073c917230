import { VeritrailError } from '../errors.js'
import type { SignatureMeaning } from '../extension/record-type.js'
import { accountEntry, nextVersion } from '../identity/account.js'
import type { Principal, SessionService } from '../identity/sessions.js'
import { actingRole } from '../identity/roles.js'
import { uuidv7 } from '../ids.js'
import type { ActionContext } from '../ledger/context.js'
import type { EntryDraft } from '../ledger/entry.js'
import type { Ledger } from '../ledger/ledger.js'
import { recordHash } from '../records/record-hash.js'
import type { RecordService } from '../records/service.js'
import type { SettingsService } from '../settings/settings.js'
import { accountById } from '../store/queries/identity.js'
import { completedReviewsCovering, recordAuthors, signatureById, signaturesOf, type SignatureRow } from '../store/queries/signatures.js'
import type { StoreReads, WriteTx } from '../store/types.js'
import { MEANINGS, SIGNING_ROLES, isMeaning } from './meanings.js'

/** A signature as shown and exported: the Part 11 manifestation plus its binding. */
export interface SignatureView {
  id: string
  target: { type: string; id: string; version: number }
  signer: { id: string; username: string; displayName: string; role: string }
  ts: string
  tz: string
  meaning: SignatureMeaning
  recordHash: string
  seq: number
  withdrawn?: { ts: string; reason: string }
  /** False once the record changed after signing (A11d §13.8) or the signature was withdrawn. */
  coversCurrentVersion?: boolean
}

/**
 * Electronic signatures (21 CFR Part 11 §11.50–11.200, CONTRACT §6): bound to one record version
 * by the hash of its canonical content; the password re-entered at every signing (and the user
 * name at the first of a session); who may sign which meaning; review and approval never by an
 * author of the record; approval only after an independent review signature and, with the
 * release gate on, a completed audit-trail review. Signatures are never deleted: a withdrawal
 * is a new entry with a reason.
 */
export class SignatureService {
  constructor(
    private readonly ledger: Ledger,
    private readonly reads: StoreReads,
    private readonly records: RecordService,
    private readonly sessions: SessionService,
    private readonly settings: SettingsService,
  ) {}

  /** R-ES-11: the signer accepts the signature-accountability statement before the first signing. */
  async acceptStatement(principal: Principal, ctx: ActionContext): Promise<void> {
    if (principal.via !== 'session' || principal.account.kind !== 'person') throw new VeritrailError('forbidden', 'Only people sign.')
    await this.ledger.commit(async (tx) => {
      const current = await accountById(tx.sql, principal.account.id)
      if (!current) throw new VeritrailError('not_found', 'The account no longer exists.')
      if (current.signatureAcceptedTs) throw new VeritrailError('conflict', `You accepted the statement on ${current.signatureAcceptedTs}.`)
      const build = nextVersion(current, { signatureAcceptedTs: '' }, ctx.actor.id)
      return {
        entries: [accountEntry(ctx, 'signature_accept', current, current.version + 1, { details: { statement: 'My electronic signature is the legally binding equivalent of my handwritten signature (21 CFR 11.100(c)).' } })],
        rows: ([c]) => ({ accountVersions: [build(c!)] }),
        result: () => undefined,
      }
    })
  }

  async sign(
    input: { target?: { type?: unknown; id?: unknown; version?: unknown }; meaning?: unknown; password?: unknown; username?: unknown },
    principal: Principal,
    ctx: ActionContext,
  ): Promise<SignatureView> {
    const meaning = input.meaning
    if (!isMeaning(meaning)) {
      throw new VeritrailError('validation_failed', `Choose the meaning of the signature: ${MEANINGS.join(', ')}.`, { errors: [{ path: 'meaning', message: `One of ${MEANINGS.join(', ')}.` }] })
    }
    const t = input.target ?? {}
    if (typeof t.type !== 'string' || typeof t.id !== 'string' || typeof t.version !== 'number') {
      throw new VeritrailError('validation_failed', 'Name the record version to sign: {type, id, version}.', { errors: [{ path: 'target', message: 'type, id and version are required.' }] })
    }
    const role = actingRole(principal.account.roles, SIGNING_ROLES[meaning])
    if (!role) {
      await this.sessions.recordRefusal(ctx, { action: 'sign', meaning, needs: SIGNING_ROLES[meaning].join(' or ') })
      throw new VeritrailError('forbidden', `A “${meaning}” signature needs the role ${SIGNING_ROLES[meaning].join(' or ')}.`)
    }
    const account = await accountById(this.reads.sql, principal.account.id)
    if (!account?.signatureAcceptedTs) {
      throw new VeritrailError('forbidden', 'Before your first signature, read and accept the statement that your electronic signature is binding.', { details: { statementRequired: true } })
    }
    const type = this.records.type(t.type)
    const markSession = await this.sessions.checkSigner(principal, { username: input.username, password: input.password }, ctx)
    const signerCtx: ActionContext = { ...ctx, actor: { ...ctx.actor, role } }
    const settings = await this.settings.get()
    const id = uuidv7()
    return this.ledger.commit(async (tx) => {
      const current = await tx.recordVersion(type.id, t.id as string)
      if (!current || current.deleted) throw new VeritrailError('not_found', `There is no ${type.title.en} ${String(t.id)} to sign.`)
      if (current.version !== t.version) {
        throw new VeritrailError('version_conflict', `Version ${String(t.version)} is not the current version (${current.version}); a signature always applies to the current content.`, { details: { currentVersion: current.version } })
      }
      await this.#checkOrder(tx, meaning, principal.account.id, current, settings.review)
      const data = current.data === null ? null : JSON.parse(current.data)
      const hash = recordHash(type.id, current.recordId, current.version, data)
      await markSession(tx)
      const entry: EntryDraft = {
        trail: 'data',
        actor: signerCtx.actor,
        action: 'sign',
        correlationId: ctx.correlationId,
        client: ctx.client,
        target: { type: type.id, typeVersion: current.typeVersion, id: current.recordId, version: current.version, recordHash: hash },
        details: { signatureId: id, meaning, signer: principal.account.displayName },
      }
      if (ctx.session) entry.session = ctx.session
      const tz = this.ledger.timeZone()
      return {
        entries: [entry],
        rows: ([c]) => ({
          signatures: [{ id, recordType: type.id, recordId: current.recordId, recordVersion: current.version, recordHash: hash, meaning, signerId: principal.account.id, signerUsername: principal.account.username, signerName: principal.account.displayName, signerRole: role, ts: c!.ts, tz, seq: c!.seq }],
        }),
        result: ([c]): SignatureView => ({
          id,
          target: { type: type.id, id: current.recordId, version: current.version },
          signer: { id: principal.account.id, username: principal.account.username, displayName: principal.account.displayName, role },
          ts: c!.ts,
          tz,
          meaning,
          recordHash: hash,
          seq: c!.seq,
          coversCurrentVersion: true,
        }),
      }
    })
  }

  /** R-ES-08/09, R-RV-01: signer independence and signing order. */
  async #checkOrder(tx: WriteTx, meaning: SignatureMeaning, signerId: string, current: { recordType: string; recordId: string; version: number; seq: number }, policy: { releaseGate: boolean; signerNotAuthor: boolean }): Promise<void> {
    if ((meaning === 'review' || meaning === 'approval') && policy.signerNotAuthor) {
      if ((await recordAuthors(tx.sql, current.recordType, current.recordId)).includes(signerId)) {
        throw new VeritrailError('segregation_of_duties', `You created or changed this record, so you cannot sign it as “${meaning}”: ask an independent person.`)
      }
    }
    if (meaning !== 'approval') return
    const valid = (await signaturesOf(tx.sql, current.recordType, current.recordId)).filter((s) => s.recordVersion === current.version && !s.withdrawnTs)
    if (!valid.some((s) => s.meaning === 'review' && s.signerId !== signerId)) {
      throw new VeritrailError('conflict', 'Approval comes after review: this version needs a “review” signature by another person first.', { details: { needs: 'review signature' } })
    }
    if (policy.releaseGate && (await completedReviewsCovering(tx.sql, current.recordType, current.recordId, current.seq)).length === 0) {
      throw new VeritrailError('conflict', 'Approval needs a completed audit-trail review of this record first (release gate).', { details: { needs: 'completed review' } })
    }
  }

  /** Every signature of a record, each saying whether it still covers the current version. */
  async list(type: string, id: string): Promise<SignatureView[]> {
    const current = await this.reads.recordVersion(type, id)
    if (!current) throw new VeritrailError('not_found', `There is no ${type} record ${id}.`)
    return (await signaturesOf(this.reads.sql, type, id)).map((s) => ({ ...view(s), coversCurrentVersion: !s.withdrawnTs && !current.deleted && s.recordVersion === current.version }))
  }

  /** R-ES-03: recompute the content hash of the signed version and compare. */
  async verify(signatureId: string): Promise<{ valid: boolean; signature: SignatureView; recomputedHash: string; coversCurrentVersion: boolean; problem?: string }> {
    const s = await signatureById(this.reads.sql, signatureId)
    if (!s) throw new VeritrailError('not_found', `There is no signature ${signatureId}.`)
    const version = await this.reads.recordVersion(s.recordType, s.recordId, s.recordVersion)
    const current = await this.reads.recordVersion(s.recordType, s.recordId)
    const recomputed = version ? recordHash(s.recordType, s.recordId, s.recordVersion, version.data === null ? null : JSON.parse(version.data)) : ''
    const valid = recomputed === s.recordHash && !s.withdrawnTs
    const covers = valid && current?.version === s.recordVersion && !current.deleted
    const problem = !version ? 'The signed version no longer exists.' : recomputed !== s.recordHash ? 'The signed content was altered after signing.' : s.withdrawnTs ? `Withdrawn on ${s.withdrawnTs}: ${s.withdrawReason}` : undefined
    return { valid, signature: view(s), recomputedHash: recomputed, coversCurrentVersion: covers, ...(problem ? { problem } : {}) }
  }

  /** Withdraws one's own signature: a new entry with a reason; the signature stays on record. */
  async withdraw(signatureId: string, input: { reason?: unknown; password?: unknown; username?: unknown }, principal: Principal, ctx: ActionContext): Promise<void> {
    const reason = typeof input.reason === 'string' ? input.reason.trim() : ''
    if (!reason) throw new VeritrailError('reason_required', 'Withdrawing a signature needs a reason.', { errors: [{ path: 'reason', message: 'Required.' }] })
    const s = await signatureById(this.reads.sql, signatureId)
    if (!s) throw new VeritrailError('not_found', `There is no signature ${signatureId}.`)
    if (s.signerId !== principal.account.id) throw new VeritrailError('forbidden', 'Only the signer can withdraw a signature.')
    const markSession = await this.sessions.checkSigner(principal, { username: input.username, password: input.password }, ctx)
    await this.ledger.commit(async (tx) => {
      const fresh = await signatureById(tx.sql, signatureId)
      if (fresh?.withdrawnTs) throw new VeritrailError('conflict', `This signature was already withdrawn on ${fresh.withdrawnTs}.`)
      await markSession(tx)
      const version = await tx.recordVersion(s.recordType, s.recordId, s.recordVersion)
      const entry: EntryDraft = {
        trail: 'data',
        actor: ctx.actor,
        action: 'signature_withdraw',
        correlationId: ctx.correlationId,
        client: ctx.client,
        target: { type: s.recordType, typeVersion: version?.typeVersion ?? '', id: s.recordId, version: s.recordVersion, recordHash: s.recordHash },
        reason: { text: reason },
        details: { signatureId, meaning: s.meaning },
      }
      if (ctx.session) entry.session = ctx.session
      return {
        entries: [entry],
        rows: ([c]) => ({ signatureWithdrawals: [{ signatureId, reason, actorId: principal.account.id, seq: c!.seq, ts: c!.ts }] }),
        result: () => undefined,
      }
    })
  }
}

function view(s: SignatureRow): SignatureView {
  return {
    id: s.id,
    target: { type: s.recordType, id: s.recordId, version: s.recordVersion },
    signer: { id: s.signerId, username: s.signerUsername, displayName: s.signerName, role: s.signerRole },
    ts: s.ts,
    tz: s.tz,
    meaning: s.meaning as SignatureMeaning,
    recordHash: s.recordHash,
    seq: s.seq,
    ...(s.withdrawnTs ? { withdrawn: { ts: s.withdrawnTs, reason: s.withdrawReason ?? '' } } : {}),
  }
}

/** A signature row as shown and exported (for export jobs that read signatures directly). */
export { view as signatureView }
