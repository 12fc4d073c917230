import type { ActionContext, AttachmentService, RecordService } from '@veritrail/core'
import type { DemoOperation } from './operation.js'
import { resolveDemoRefs } from './refs.js'

const SIGNING_ORDER = ['authorship', 'review', 'responsibility', 'approval']

/** Where demo operations are written: the core's record and attachment services. */
export interface DemoTarget {
  records: Pick<RecordService, 'create' | 'update' | 'delete' | 'type'>
  attachments: Pick<AttachmentService, 'put'>
  /** Signs the record's current version with `meaning`, as a person allowed to (not its author). */
  sign?: (type: string, id: string, version: number, meaning: string) => Promise<void>
  /** Opens and completes an audit-trail review of the record, as an independent reviewer. */
  review?: (type: string, id: string) => Promise<void>
}

/** What a run of demo operations has learnt: the ids and current versions of its records. */
export interface DemoState {
  ids: Map<string, string>
  versions: Map<string, number>
}

export function newDemoState(): DemoState {
  return { ids: new Map(), versions: new Map() }
}

/**
 * Writes one demo operation through the core: uploads its attachments, resolves `ref:` keys to
 * ids, and keeps `baseVersion`s. `ctx(role)` gives the acting person; deletes act in the first
 * role the record type allows to delete. Returns the data-trail seq written.
 */
export async function applyDemoOperation(
  target: DemoTarget,
  op: DemoOperation,
  state: DemoState,
  ctx: (role: string) => ActionContext,
): Promise<number> {
  const idOf = (key: string) => {
    const id = state.ids.get(key)
    if (!id) throw new Error(`demo: no id yet for ${key}`)
    return id
  }
  if (op.op !== 'delete') {
    for (const file of op.attachments ?? []) {
      await target.attachments.put(Buffer.from(file.content), { mediaType: file.mediaType, filename: file.filename }, ctx('operator'))
    }
  }
  if (op.op === 'create') {
    const result = await target.records.create(op.type, resolveDemoRefs(op.data, idOf), ctx('operator'))
    state.ids.set(op.key, result.id)
    state.versions.set(op.key, result.version)
    return result.seq
  }
  if (op.op === 'update') {
    // Approval comes after an independent review signature and a completed audit-trail review.
    const meanings = [...new Set([...(op.requires?.signatures ?? []), ...(op.requires?.signatures.includes('approval') ? ['review' as const] : [])])]
    meanings.sort((a, b) => SIGNING_ORDER.indexOf(a) - SIGNING_ORDER.indexOf(b))
    if (op.requires?.review || meanings.includes('approval')) {
      if (!target.review) throw new Error(`demo: ${op.key} needs a completed review, but no reviewer was given`)
      await target.review(op.type, idOf(op.key))
    }
    for (const meaning of meanings) {
      if (!target.sign) throw new Error(`demo: ${op.key} needs a ${meaning} signature, but no signer was given`)
      await target.sign(op.type, idOf(op.key), state.versions.get(op.key)!, meaning)
    }
    const input = { data: resolveDemoRefs(op.data, idOf), baseVersion: state.versions.get(op.key)!, ...(op.reason ? { reason: op.reason } : {}) }
    const result = await target.records.update(op.type, idOf(op.key), input, ctx('operator'))
    state.versions.set(op.key, result.version)
    return result.seq
  }
  const role = target.records.type(op.type).deletable?.roles[0] ?? 'operator'
  const result = await target.records.delete(op.type, idOf(op.key), { reason: op.reason }, ctx(role))
  state.versions.set(op.key, result.version)
  return result.seq
}
